import { IntentState, referenceIdFor, toView } from '../src/domain/intent';
import { decide, SagaCommand, SagaInput, startCreation } from '../src/domain/intent-saga';
import {
  aCreateMessage,
  AGENT,
  AGENT_ACTOR,
  anIntent,
  at,
  aWaiter,
  CLIENT,
  CLIENT_WALLET,
  commandOf,
  contextAt,
  eventInput,
  OPERATOR,
  requestInput,
  T0,
} from './support/saga-fixtures';

/** Drives one intent through `decide`, one input per second, keeping everything it sent. */
function journey() {
  const first = startCreation(aCreateMessage(), contextAt(at(0)));
  let state: IntentState = first.state;
  const sent: SagaCommand[] = [...first.commands];
  let second = 0;
  const step = () => state.pending?.stepId ?? '';
  const apply = (input: SagaInput) => {
    second += 1;
    const decision = decide(state, input, contextAt(at(second)));
    state = decision.state;
    sent.push(...decision.commands);
    return decision;
  };
  const intentId = state.id;

  apply(eventInput({ type: 'PartiesResolved', payload: { intentId, stepId: step(), agent: AGENT, client: CLIENT } }));
  apply(eventInput({ type: 'CashOutEvaluated', payload: { intentId, stepId: step(), approved: true, reasons: [] } }));
  apply(requestInput(AGENT_ACTOR, aWaiter('send-otp'), { action: 'send-otp' }));
  apply(eventInput({ type: 'OtpDispatched', payload: { intentId, otpId: step(), channel: 'WHATSAPP', status: 'SENT', expiresAt: at(303).toISOString() } }));
  apply(requestInput(AGENT_ACTOR, aWaiter('verify-otp'), { action: 'verify-otp', sealedOtp: 'sealed' }));
  apply(eventInput({ type: 'OtpVerified', payload: { intentId, stepId: step() } }));
  apply(requestInput(AGENT_ACTOR, aWaiter('verify-pin'), { action: 'verify-pin', sealedPin: 'sealed' }));
  apply(eventInput({ type: 'PinVerified', payload: { intentId, stepId: step() } }));
  apply(requestInput(AGENT_ACTOR, aWaiter('confirm'), { action: 'confirm' }));
  apply(eventInput({ type: 'HoldPlaced', payload: { intentId, stepId: step(), holdId: state.holdId ?? '', outcome: 'PLACED' } }));
  apply(eventInput({ type: 'CashOutReserved', payload: { intentId, stepId: step(), approved: true, reasons: [] } }));
  const posted = { intentId, stepId: step(), transactionId: 'cashout-intent-0001', clientBalance: 489_750 };
  const last = apply(eventInput({ type: 'CashOutPosted', payload: posted }));
  return { state, sent, last };
}

describe('history', () => {
  it('appends one entry per transition along the whole saga, with the time of each', () => {
    const { state } = journey();

    expect(state.history).toEqual([
      { status: 'CREATED', at: at(2).toISOString(), actor: AGENT.userId },
      { status: 'OTP_SENT', at: at(4).toISOString() },
      { status: 'OTP_VERIFIED', at: at(6).toISOString() },
      { status: 'PIN_VERIFIED', at: at(8).toISOString() },
      { status: 'PROCESSING', at: at(11).toISOString() },
      { status: 'SUCCEEDED', at: at(12).toISOString() },
    ]);
    expect(state).toMatchObject({ phase: 'SUCCEEDED', fees: 250, commission: 100, updatedAt: at(12).toISOString(), pending: undefined, holdId: undefined });
  });

  it('moves the money only through commands: hold, reservation, posting, then commit and notice', () => {
    const { sent } = journey();

    expect(sent.map((command) => command.type)).toEqual([
      'ResolveParties',
      'EvaluateCashOut',
      'AdmitOtpSend',
      'VerifyOtp',
      'VerifyPin',
      'PlaceHold',
      'ReserveCashOut',
      'PostCashOut',
      'CommitReservation',
      'NotifyCashOutOutcome',
    ]);
  });

  it("posts against the hold it placed, on the client's MAIN wallet", () => {
    const { state, sent } = journey();
    const everything = { state, commands: sent, replies: [] };

    expect(commandOf(everything, 'PlaceHold')).toMatchObject({ walletId: CLIENT_WALLET, holdId: 'hold-intent-0001-id-1', amount: 10_250 });
    expect(commandOf(everything, 'PostCashOut')).toMatchObject({ clientWalletId: CLIENT_WALLET, holdId: 'hold-intent-0001-id-1' });
  });

  it('answers the confirm with the SUCCEEDED intent and its transaction', () => {
    const { last } = journey();

    expect(last.replies).toEqual([
      {
        to: expect.objectContaining({ action: 'confirm' }),
        body: { kind: 'intent', intent: expect.objectContaining({ status: 'SUCCEEDED', transactionId: 'cashout-intent-0001' }) },
      },
    ]);
  });
});

describe('toView', () => {
  it('shows the public shape of docs/api.md "Intent": totalDebit = amount + fees, initiator = agent, createdBy = caller', () => {
    const view = toView(anIntent('OTP_SENT', { requestedBy: OPERATOR, channel: 'CMMS' }));

    expect(view).toMatchObject({
      id: 'intent-0001',
      type: 'CASH_OUT',
      status: 'OTP_SENT',
      channel: 'CMMS',
      amount: 10_000,
      fees: 250,
      totalDebit: 10_250,
      commission: 100,
      agent: AGENT,
      client: { userId: CLIENT.userId, phone: CLIENT.phone },
      initiatorUserId: AGENT.userId,
      createdBy: OPERATOR.userId,
      otp: { channel: 'WHATSAPP', expiresAt: at(300).toISOString(), attemptsLeft: 3, resendsLeft: 3 },
    });
    expect(view).not.toHaveProperty('otp.otpId');
    expect(view).not.toHaveProperty('client.kycTier');
  });

  it('shows neither the hold nor the pending step', () => {
    const pending = { step: 'HOLD' as const, stepId: 'step', waiters: [], since: T0.toISOString() };
    const view = toView(anIntent('PIN_VERIFIED', { holdId: 'hold-intent-0001-step', pending }));

    expect(view).not.toHaveProperty('holdId');
    expect(view).not.toHaveProperty('pending');
  });

  it('refuses to show an intent that is not public yet', () => {
    expect(() => toView(anIntent('DRAFT'))).toThrow(/not public/);
  });

  it('builds the reference from the creation date and the id', () => {
    expect(referenceIdFor('3f2a9c1e-0000-4000-8000-000000000000', T0)).toBe('CO-20260115-3F2A9C1E');
  });
});
