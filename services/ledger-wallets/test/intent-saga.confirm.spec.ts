import { toView } from '../src/domain/intent';
import { confirmShortcut, expire, holdIdFor, onHoldPlaced, onReserved, requestConfirm } from '../src/domain/intent-saga';
import {
  AGENT,
  anIntent,
  at,
  aWaiter,
  CLIENT_WALLET,
  contextAt,
  errorsOf,
  expectNoChange,
  expectRefusal,
  HOLD_ID,
  holding,
  holdPlaced,
  lastHistory,
  releaseHold,
  reserving,
  riskCheck,
  STEP_RESERVE,
  TOTAL_DEBIT,
  waiting,
} from './support/saga-fixtures';

/** Confirm, step 1: the hold of amount + fees on the client's wallet. */
describe('requestConfirm', () => {
  it("places a hold of amount + fees on the client's MAIN wallet, named after the intent and the step", () => {
    const decision = requestConfirm(anIntent('PIN_VERIFIED'), aWaiter('confirm'), contextAt());

    expect(decision.commands).toEqual([
      {
        type: 'PlaceHold',
        payload: { intentId: 'intent-0001', stepId: 'id-1', walletId: CLIENT_WALLET, holdId: 'hold-intent-0001-id-1', amount: TOTAL_DEBIT, currency: 'XOF' },
      },
    ]);
    expect(decision.replies).toEqual([]);
  });

  it('waits for the HOLD step, keeping the PlaceHold command to resend and the hold as the current one', () => {
    const to = aWaiter('confirm');

    const decision = requestConfirm(anIntent('PIN_VERIFIED'), to, contextAt(at(70)));

    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', holdId: 'hold-intent-0001-id-1' });
    expect(decision.state.pending).toEqual({ step: 'HOLD', stepId: 'id-1', waiters: [to], since: at(70).toISOString(), resend: decision.commands[0] });
    expect(decision.state.history).toEqual(anIntent('PIN_VERIFIED').history);
  });

  it('names one hold per attempt: hold-<intentId>-<stepId>', () => {
    expect(holdIdFor('intent-0001', 'step-9')).toBe('hold-intent-0001-step-9');
  });

  it('refuses with INVALID_STATE, sending nothing, when the client is not known', () => {
    const before = anIntent('PIN_VERIFIED', { client: undefined });
    const to = aWaiter('confirm');

    expect(expectRefusal(requestConfirm(before, to, contextAt()), before, to)).toMatchObject({ code: 'INVALID_STATE', details: { action: 'confirm' } });
  });
});

/** Confirm, step 2: the ledger's answer to PlaceHold. */
describe('onHoldPlaced for the step the saga waits for', () => {
  it('PLACED: asks the risk engine to reserve and waits for it, keeping the hold and the callers', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = holding(first, again);

    const decision = onHoldPlaced(before, holdPlaced('PLACED'), contextAt(at(71)));

    const reserve = { type: 'ReserveCashOut', payload: riskCheck('id-1') };
    expect(decision.commands).toEqual([reserve]);
    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', holdId: HOLD_ID });
    expect(decision.state.pending).toEqual({ step: 'RESERVE', stepId: 'id-1', waiters: [first, again], since: at(71).toISOString(), resend: reserve });
    expect(decision.replies).toEqual([]);
  });

  it('INSUFFICIENT_FUNDS: INSUFFICIENT_FUNDS with the available and required amounts to every caller, the hold forgotten', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = holding(first, again);

    const decision = onHoldPlaced(before, holdPlaced('INSUFFICIENT_FUNDS', { available: 2_000 }), contextAt());

    const refusal = expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', details: { available: 2_000, required: TOTAL_DEBIT } });
    expect(errorsOf(decision)).toEqual([
      { to: first, error: refusal },
      { to: again, error: refusal },
    ]);
    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined, holdId: undefined, history: before.history });
    expect(decision.commands).toEqual([]);
  });

  it('NO_WALLET: INSUFFICIENT_FUNDS for the amount + fees, the hold forgotten, nothing sent', () => {
    const to = aWaiter('confirm');

    const decision = onHoldPlaced(holding(to), holdPlaced('NO_WALLET'), contextAt());

    const refusal = expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', details: expect.objectContaining({ required: TOTAL_DEBIT }) });
    expect(errorsOf(decision)).toEqual([{ to, error: refusal }]);
    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined, holdId: undefined });
    expect(decision.commands).toEqual([]);
  });

  it('RELEASED (the hold was voided before it was placed): INVALID_STATE asking to confirm again, the hold forgotten', () => {
    const to = aWaiter('confirm');

    const decision = onHoldPlaced(holding(to), holdPlaced('RELEASED'), contextAt());

    expect(errorsOf(decision)).toEqual([{ to, error: expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('confirm again') }) }]);
    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined, holdId: undefined });
    expect(decision.commands).toEqual([]);
  });

  it('after a refused hold, the next confirm places a new hold with its own id', () => {
    const refused = onHoldPlaced(holding(), holdPlaced('INSUFFICIENT_FUNDS', { available: 0 }), contextAt()).state;

    const retry = requestConfirm(refused, aWaiter('confirm'), contextAt(at(5)));

    expect(retry.state.holdId).toBe('hold-intent-0001-id-1');
    expect(retry.state.holdId).not.toBe(HOLD_ID);
  });
});

describe('a late or duplicate HoldPlaced', () => {
  it('a duplicate PLACED for the current hold, once the reservation is asked, changes nothing', () => {
    const before = reserving();

    expectNoChange(onHoldPlaced(before, holdPlaced('PLACED'), contextAt()), before);
  });

  it('a PLACED for the hold of an earlier attempt gives that hold back, the current attempt untouched', () => {
    const secondAttempt = anIntent('PIN_VERIFIED', { holdId: holdIdFor('intent-0001', 'step-second') });
    const before = waiting(secondAttempt, 'HOLD', 'step-second', aWaiter('confirm'));

    const decision = onHoldPlaced(before, holdPlaced('PLACED', { stepId: 'step-first', holdId: holdIdFor('intent-0001', 'step-first') }), contextAt());

    expect(decision.state).toBe(before);
    expect(decision.commands).toEqual([releaseHold(holdIdFor('intent-0001', 'step-first'))]);
    expect(decision.replies).toEqual([]);
  });

  it('a PLACED arriving after the intent expired gives the hold back again', () => {
    const expired = expire(holding(), contextAt(at(601))).state;

    const decision = onHoldPlaced(expired, holdPlaced('PLACED'), contextAt(at(602)));

    expect(decision.state).toBe(expired);
    expect(decision.commands).toEqual([releaseHold()]);
    expect(decision.replies).toEqual([]);
  });

  it('a duplicate PLACED after the risk engine refused gives the hold back again', () => {
    const denied = onReserved(reserving(), { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: false, reasons: ['DAILY_LIMIT'] }, contextAt()).state;

    const decision = onHoldPlaced(denied, holdPlaced('PLACED'), contextAt());

    expect(decision.state).toBe(denied);
    expect(decision.commands).toEqual([releaseHold()]);
  });

  it.each(['INSUFFICIENT_FUNDS', 'NO_WALLET', 'RELEASED'] as const)('a late %s for a step the saga no longer waits for changes nothing', (outcome) => {
    const before = reserving();

    expectNoChange(onHoldPlaced(before, holdPlaced(outcome, { available: 0 }), contextAt()), before);
  });
});

/** Confirm, step 3: the risk engine's answer to ReserveCashOut. */
describe('onReserved', () => {
  it('approved: PROCESSING, the ledger asked to post with the hold, the callers keep waiting for the outcome', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = reserving(first, again);

    const decision = onReserved(before, { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] }, contextAt(at(80)));

    const post = {
      type: 'PostCashOut',
      payload: {
        intentId: 'intent-0001',
        stepId: 'id-1',
        clientWalletId: CLIENT_WALLET,
        holdId: HOLD_ID,
        agent: AGENT,
        amount: 10_000,
        fee: 250,
        commission: 100,
        currency: 'XOF',
      },
    };
    expect(decision.commands).toEqual([post]);
    expect(decision.state.phase).toBe('PROCESSING');
    expect(decision.state.pending).toEqual({ step: 'SETTLE', stepId: 'id-1', waiters: [first, again], since: at(80).toISOString(), resend: post });
    expect(lastHistory(decision.state)).toEqual({ status: 'PROCESSING', at: at(80).toISOString() });
    expect(decision.replies).toEqual([]);
  });

  it('denied: RISK_DENIED with the reasons to every caller, the current hold released, still PIN_VERIFIED', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = reserving(first, again);

    const decision = onReserved(before, { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: false, reasons: ['DAILY_LIMIT'] }, contextAt());

    const denial = expect.objectContaining({ code: 'RISK_DENIED', details: { reasons: ['DAILY_LIMIT'] } });
    expect(errorsOf(decision)).toEqual([
      { to: first, error: denial },
      { to: again, error: denial },
    ]);
    expect(decision.commands).toEqual([releaseHold(HOLD_ID)]);
    expect(decision.state).toMatchObject({ phase: 'PIN_VERIFIED', pending: undefined, holdId: undefined, history: before.history });
  });

  it('applies a reservation once: the same CashOutReserved again neither posts nor answers', () => {
    const once = onReserved(reserving(), { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] }, contextAt()).state;

    expectNoChange(onReserved(once, { intentId: 'intent-0001', stepId: STEP_RESERVE, approved: true, reasons: [] }, contextAt(at(1))), once);
  });

  it('a reservation for the HOLD step id while the hold is still awaited changes nothing', () => {
    const before = holding();

    expectNoChange(onReserved(before, { intentId: 'intent-0001', stepId: before.pending?.stepId ?? '', approved: true, reasons: [] }, contextAt()), before);
  });
});

describe('confirmShortcut', () => {
  it.each(['SUCCEEDED', 'PROCESSING'] as const)('answers a %s intent with it, unchanged, sending nothing', (phase) => {
    const before = anIntent(phase);
    const to = aWaiter('confirm');

    const decision = confirmShortcut(before, to);

    expect(decision).toEqual({ state: before, commands: [], replies: [{ to, body: { kind: 'intent', intent: toView(before) } }] });
    expect(decision?.state).toBe(before);
  });

  it.each(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'CANCELED', 'EXPIRED'] as const)('does not answer for a %s intent', (phase) => {
    expect(confirmShortcut(anIntent(phase), aWaiter('confirm'))).toBeUndefined();
  });
});
