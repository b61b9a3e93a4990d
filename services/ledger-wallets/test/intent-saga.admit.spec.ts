import { IntentAction, IntentPhase, PendingStep, resolveAgentFromIntent, toView } from '../src/domain/intent';
import { admit, requestConfirm } from '../src/domain/intent-saga';
import {
  ADMIN,
  AGENT,
  AGENT_ACTOR,
  anIntent,
  aWaiter,
  CLIENT,
  contextAt,
  expectRefusal,
  holding,
  intentReply,
  OPERATOR,
  OTHER_AGENT,
  reserving,
  settling,
  waiting,
} from './support/saga-fixtures';

describe('admit: resolveAgentFromIntent', () => {
  it('refuses another agent with NOT_FOUND, as for an intent that does not exist, and changes nothing', () => {
    const before = anIntent('CREATED');
    const to = aWaiter('send-otp');

    const gate = admit(before, OTHER_AGENT, 'send-otp', to);

    if (gate.ok) throw new Error('another agent was admitted');
    expect(expectRefusal(gate.decision, before, to)).toEqual({ code: 'NOT_FOUND', message: `intent ${before.id} not found` });
  });

  it.each([
    ['the intent agent', AGENT_ACTOR],
    ['an admin', ADMIN],
    ['an operator', OPERATOR],
  ])('admits %s', (_who, actor) => {
    expect(admit(anIntent('CREATED'), actor, 'send-otp', aWaiter('send-otp'))).toEqual({ ok: true });
  });

  it('refuses a CLIENT, even the intent client', () => {
    const before = anIntent('CREATED');
    const to = aWaiter('cancel');

    const gate = admit(before, { userId: CLIENT.userId, role: 'CLIENT' }, 'cancel', to);

    if (gate.ok) throw new Error('a client was admitted');
    expect(expectRefusal(gate.decision, before, to).code).toBe('FORBIDDEN');
  });

  it('refuses an agent whose role is not AGENT even with the right user id', () => {
    const gate = admit(anIntent('CREATED'), { userId: AGENT.userId, role: 'CLIENT' }, 'send-otp', aWaiter('send-otp'));

    expect(gate.ok).toBe(false);
  });

  it('refuses another agent before looking at a step in progress: NOT_FOUND, not a join', () => {
    const before = holding();
    const to = aWaiter('confirm');

    const gate = admit(before, OTHER_AGENT, 'confirm', to);

    if (gate.ok) throw new Error('another agent was admitted');
    expect(expectRefusal(gate.decision, before, to).code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND while the parties are not resolved (the intent is not public yet)', () => {
    const before = waiting(anIntent('DRAFT', { agent: undefined, client: undefined }), 'RESOLVE', 'step-resolve', aWaiter('create'));
    const to = aWaiter('send-otp');

    const gate = admit(before, ADMIN, 'send-otp', to);

    if (gate.ok) throw new Error('admitted on a draft');
    expect(expectRefusal(gate.decision, before, to).code).toBe('NOT_FOUND');
  });

  it('resolves the agent for admin/operator and checks the caller otherwise', () => {
    const intent = anIntent('CREATED');

    expect(resolveAgentFromIntent(intent, ADMIN)).toEqual({ agentUserId: AGENT.userId });
    expect(resolveAgentFromIntent(intent, OPERATOR)).toEqual({ agentUserId: AGENT.userId });
    expect(resolveAgentFromIntent(intent, AGENT_ACTOR)).toEqual({ agentUserId: AGENT.userId });
    expect(resolveAgentFromIntent(intent, OTHER_AGENT)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('admit: the state machine of docs/design.md "The saga\'s state machine"', () => {
  type Action = Exclude<IntentAction, 'create'>;
  const ACTIONS: Action[] = ['send-otp', 'verify-otp', 'verify-pin', 'confirm', 'cancel'];
  const PHASES: IntentPhase[] = [
    'DRAFT',
    'CREATED',
    'OTP_SENT',
    'OTP_VERIFIED',
    'PIN_VERIFIED',
    'PROCESSING',
    'SUCCEEDED',
    'FAILED',
    'CANCELED',
    'EXPIRED',
    'REJECTED',
  ];
  /** Straight from the diagram: send-otp (and resend), verify-otp, verify-pin, confirm, cancel. */
  const DESIGN_ALLOWS: Record<Action, IntentPhase[]> = {
    'send-otp': ['CREATED', 'OTP_SENT'],
    'verify-otp': ['OTP_SENT'],
    'verify-pin': ['OTP_VERIFIED'],
    confirm: ['PIN_VERIFIED'],
    cancel: ['CREATED', 'OTP_SENT', 'OTP_VERIFIED'],
  };
  /** docs/api.md "Idempotency and confirm": confirm is idempotent; on SUCCEEDED (200) or PROCESSING (202) it answers with the intent. */
  const ANSWERS_WITH_INTENT: Array<[Action, IntentPhase]> = [
    ['confirm', 'SUCCEEDED'],
    ['confirm', 'PROCESSING'],
  ];

  const pairs = PHASES.flatMap((phase) => ACTIONS.map((action) => [phase, action] as [IntentPhase, Action]));
  const isIn = (list: Array<[Action, IntentPhase]>, phase: IntentPhase, action: Action) => list.some(([a, p]) => a === action && p === phase);
  const allowed = pairs.filter(([phase, action]) => DESIGN_ALLOWS[action].includes(phase));
  const answered = pairs.filter(([phase, action]) => isIn(ANSWERS_WITH_INTENT, phase, action));
  const refused = pairs.filter(([phase, action]) => !DESIGN_ALLOWS[action].includes(phase) && !isIn(ANSWERS_WITH_INTENT, phase, action));

  it('covers every (phase, action) pair', () => {
    expect(allowed.length + answered.length + refused.length).toBe(PHASES.length * ACTIONS.length);
  });

  it.each(allowed)('admits %s → %s', (phase, action) => {
    expect(admit(anIntent(phase), AGENT_ACTOR, action, aWaiter(action))).toEqual({ ok: true });
  });

  it.each(refused)('refuses %s → %s with INVALID_STATE naming the current status', (phase, action) => {
    const before = anIntent(phase);
    const to = aWaiter(action);

    const gate = admit(before, AGENT_ACTOR, action, to);

    if (gate.ok) throw new Error(`${action} was admitted from ${phase}`);
    const error = expectRefusal(gate.decision, before, to);
    expect(error.code).toBe('INVALID_STATE');
    expect(error.details).toEqual({ status: phase, action });
    expect(error.message).toContain(phase);
  });

  it.each(answered)('answers %s → %s with the intent, unchanged, starting nothing', (phase, action) => {
    const before = anIntent(phase);
    const to = aWaiter(action);

    const gate = admit(before, AGENT_ACTOR, action, to);

    if (gate.ok) throw new Error(`${action} was admitted from ${phase}`);
    expect(gate.decision.state).toBe(before);
    expect(gate.decision.commands).toEqual([]);
    expect(gate.decision.replies).toHaveLength(1);
    expect(intentReply(gate.decision.replies[0])).toEqual(toView(before));
  });
});

describe('admit: requests arriving while a step is in progress', () => {
  it('joins the same action to the waiters: one check, every caller answered', () => {
    const first = aWaiter('verify-otp');
    const again = aWaiter('verify-otp');
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', first);

    const gate = admit(before, AGENT_ACTOR, 'verify-otp', again);

    if (gate.ok) throw new Error('a second check was started');
    expect(gate.decision.state.pending).toEqual({ ...before.pending, waiters: [first, again] });
    expect(gate.decision.state.phase).toBe('OTP_SENT');
    expect(gate.decision.commands).toEqual([]);
    expect(gate.decision.replies).toEqual([]);
  });

  const CONFIRM_STEPS: Array<[PendingStep, typeof holding]> = [
    ['HOLD', holding],
    ['RESERVE', reserving],
    ['SETTLE', settling],
  ];

  it.each(CONFIRM_STEPS)('joins a confirm to a %s step in progress: nothing is held or posted twice', (_step, inProgress) => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const before = inProgress(first);

    const gate = admit(before, ADMIN, 'confirm', again);

    if (gate.ok) throw new Error('a second confirmation was started');
    expect(gate.decision.state).toEqual({ ...before, pending: { ...before.pending, waiters: [first, again] } });
    expect(gate.decision.commands).toEqual([]);
    expect(gate.decision.replies).toEqual([]);
  });

  it('keeps the step id, the time asked and the PlaceHold to resend when a confirm joins', () => {
    const first = aWaiter('confirm');
    const again = aWaiter('confirm');
    const started = requestConfirm(anIntent('PIN_VERIFIED'), first, contextAt()).state;

    const gate = admit(started, AGENT_ACTOR, 'confirm', again);

    if (gate.ok) throw new Error('a second confirmation was started');
    expect(gate.decision.state.pending).toEqual({ ...started.pending, waiters: [first, again] });
    expect(gate.decision.state.pending?.resend?.type).toBe('PlaceHold');
  });

  it('refuses another action with INVALID_STATE naming the status and the step', () => {
    const before = waiting(anIntent('OTP_SENT'), 'VERIFY_OTP', 'step-otp', aWaiter('verify-otp'));
    const to = aWaiter('send-otp');

    const gate = admit(before, AGENT_ACTOR, 'send-otp', to);

    if (gate.ok) throw new Error('a resend started during a check');
    const error = expectRefusal(gate.decision, before, to);
    expect(error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'OTP_SENT', action: 'send-otp' } });
    expect(error.message).toContain('VERIFY_OTP');
  });

  it('refuses a verify-pin while the hold is being placed, naming the HOLD step', () => {
    const before = holding();
    const to = aWaiter('verify-pin');

    const gate = admit(before, AGENT_ACTOR, 'verify-pin', to);

    if (gate.ok) throw new Error('a PIN check started during a confirmation');
    expect(expectRefusal(gate.decision, before, to).message).toContain('HOLD');
  });

  it('lets a cancel through while a step is in progress in a cancelable status', () => {
    const before = waiting(anIntent('OTP_VERIFIED'), 'VERIFY_PIN', 'step-pin', aWaiter('verify-pin'));

    expect(admit(before, AGENT_ACTOR, 'cancel', aWaiter('cancel'))).toEqual({ ok: true });
  });

  it.each([
    ['HOLD', holding],
    ['RESERVE', reserving],
  ] as Array<[PendingStep, typeof holding]>)('refuses a cancel during the %s step (PIN_VERIFIED is not cancelable)', (_step, inProgress) => {
    const before = inProgress();
    const to = aWaiter('cancel');

    const gate = admit(before, AGENT_ACTOR, 'cancel', to);

    if (gate.ok) throw new Error('canceled during the confirmation');
    expect(expectRefusal(gate.decision, before, to)).toMatchObject({ code: 'INVALID_STATE', details: { status: 'PIN_VERIFIED' } });
  });
});
