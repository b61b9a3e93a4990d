import { compensate, onCashOutPosted, onCashOutRefused } from '../src/domain/intent-saga';
import {
  anIntent,
  at,
  aWaiter,
  compensationCommands,
  contextAt,
  expectNoChange,
  HOLD_ID,
  intentReply,
  lastHistory,
  outcomeNotice,
  releaseHold,
  reservationEnd,
  settling,
  STEP_SETTLE,
} from './support/saga-fixtures';

const posted = { intentId: 'intent-0001', stepId: STEP_SETTLE, transactionId: 'cashout-intent-0001', clientBalance: 489_750 };
const refused = { intentId: 'intent-0001', stepId: STEP_SETTLE, reason: 'wallet would go negative' };

/** Confirm, step 4: the ledger's answer to PostCashOut. */
describe('onCashOutPosted', () => {
  it('SUCCEEDED with the transaction, the hold spent, every caller answered with the intent', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');

    const decision = onCashOutPosted(settling(first, again), posted, contextAt(at(81)));

    expect(decision.state).toMatchObject({ phase: 'SUCCEEDED', transactionId: 'cashout-intent-0001', pending: undefined, holdId: undefined });
    expect(lastHistory(decision.state)).toEqual({ status: 'SUCCEEDED', at: at(81).toISOString() });
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status, intentReply(reply).transactionId])).toEqual([
      [first, 'SUCCEEDED', 'cashout-intent-0001'],
      [again, 'SUCCEEDED', 'cashout-intent-0001'],
    ]);
  });

  it('commits the risk reservation and tells the client, with the new balance: exactly those two commands', () => {
    const before = settling();

    const decision = onCashOutPosted(before, posted, contextAt(at(81)));

    expect(decision.commands).toEqual([reservationEnd('CommitReservation'), outcomeNotice(before, 'SUCCEEDED', { newBalance: 489_750 })]);
  });

  it('records a posting once: the same CashOutPosted again changes nothing', () => {
    const once = onCashOutPosted(settling(), posted, contextAt(at(81))).state;

    expectNoChange(onCashOutPosted(once, posted, contextAt(at(82))), once);
  });

  it('ignores a CashOutPosted for a step id the saga no longer waits for', () => {
    const before = settling();

    expectNoChange(onCashOutPosted(before, { ...posted, stepId: 'an-old-step-id' }, contextAt()), before);
  });
});

describe('onCashOutRefused', () => {
  it('FAILED with the reason, every caller answered with the failed intent', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');

    const decision = onCashOutRefused(settling(first, again), refused, contextAt(at(82)));

    expect(decision.state).toMatchObject({ phase: 'FAILED', pending: undefined, holdId: undefined, failureReason: 'wallet would go negative' });
    expect(lastHistory(decision.state)).toMatchObject({ status: 'FAILED', at: at(82).toISOString() });
    expect(lastHistory(decision.state).reason).toMatch(/^wallet would go negative; compensated/);
    expect(decision.replies.map((reply) => [reply.to, intentReply(reply).status, intentReply(reply).failureReason])).toEqual([
      [first, 'FAILED', 'wallet would go negative'],
      [again, 'FAILED', 'wallet would go negative'],
    ]);
  });

  it('compensates: reservation released, OTP invalidated, hold released, client told — exactly those commands', () => {
    const before = settling();

    const decision = onCashOutRefused(before, refused, contextAt(at(82)));

    expect(decision.commands).toEqual(compensationCommands(before, 'the cash-out could not be completed'));
  });

  it('ignores a CashOutRefused for a step id the saga no longer waits for', () => {
    const before = settling();

    expectNoChange(onCashOutRefused(before, { ...refused, stepId: 'an-old-step-id' }, contextAt()), before);
  });

  it.each(['SUCCEEDED', 'PIN_VERIFIED', 'EXPIRED'] as const)('ignores a late CashOutRefused on a %s intent', (phase) => {
    const before = anIntent(phase);

    expectNoChange(onCashOutRefused(before, refused, contextAt()), before);
  });

  it('a CashOutPosted after the refusal changes nothing: the intent stays FAILED', () => {
    const failed = onCashOutRefused(settling(), refused, contextAt()).state;

    expectNoChange(onCashOutPosted(failed, posted, contextAt()), failed);
  });
});

describe('compensate to FAILED', () => {
  it('lists exactly ReleaseReservation, InvalidateOtp, ReleaseHold of the current hold and the FAILED notice', () => {
    const decision = compensate(anIntent('PROCESSING', { holdId: HOLD_ID }), 'FAILED', contextAt(), { reason: 'ledger refused' });

    expect(decision.commands.map((command) => command.type)).toEqual(['ReleaseReservation', 'InvalidateOtp', 'ReleaseHold', 'NotifyCashOutOutcome']);
    expect(decision.commands[2]).toEqual(releaseHold(HOLD_ID));
    expect(decision.state).toMatchObject({ phase: 'FAILED', holdId: undefined });
    expect(decision.replies).toEqual([]);
  });

  it('releases no hold when the intent holds none', () => {
    const decision = compensate(anIntent('PROCESSING'), 'FAILED', contextAt(), { reason: 'ledger refused' });

    expect(decision.commands.map((command) => command.type)).toEqual(['ReleaseReservation', 'InvalidateOtp', 'NotifyCashOutOutcome']);
  });

  it('tells no client when none is known', () => {
    const decision = compensate(anIntent('PROCESSING', { client: undefined }), 'FAILED', contextAt(), { reason: 'ledger refused' });

    expect(decision.commands.map((command) => command.type)).toEqual(['ReleaseReservation', 'InvalidateOtp']);
  });
});
