import { INestApplication } from '@nestjs/common';
import { InMemoryMessageBus, InfrastructureOptions, JwtCodec, MessageFactory, SealedBox, consumeMessages, systemClock } from '@cashout/platform';
import { IntentView, Message, MessageType, ReplyBody, Role, TOPICS, topicOf } from '@cashout/shared-contracts';
import { GatewayConfig, createGatewayApp, loadGatewayConfig } from '../../src';

/** The PIN the fake auth accepts: long enough never to appear by chance in a log line. */
export const GOOD_PIN = '482916';

export const SEAL_KEY = 'Gw7tSk2Qe9Lx4Rb1Np6Vz3Hc8Md5Jf0Ya';

export type Answer = (message: Message) => ReplyBody | undefined | Promise<ReplyBody | undefined>;

export interface Harness {
  app: INestApplication;
  bus: InMemoryMessageBus;
  config: GatewayConfig;
  sealedBox: SealedBox;
  /** What the fake platform answers, by command type; undefined = no answer (timeout). */
  answers: Partial<Record<MessageType, Answer>>;
  /** A valid token of the demo user of that role, signed at the harness's start. */
  tokenFor(role: Role): string;
  /** A token for any user id with that role. */
  signToken(role: Role, userId: string): Promise<string>;
  /** Every envelope of that type the gateway published so far. */
  published(type: MessageType): Message[];
  close(): Promise<void>;
}

export const USERS: Record<Role, { userId: string; phone: string }> = {
  ADMIN: { userId: 'usr-admin-0001', phone: '+2250700000001' },
  OPERATOR: { userId: 'usr-operator-0002', phone: '+2250700000002' },
  AGENT: { userId: 'usr-agent-0001', phone: '+2250500000001' },
  CLIENT: { userId: 'usr-client-0001', phone: '+2250100000001' },
};

const COMMAND_TOPICS = [
  TOPICS.authCommands,
  TOPICS.customerCommands,
  TOPICS.intentCommands,
  TOPICS.ledgerQueries,
  TOPICS.reportingQueries,
  TOPICS.notificationCommands,
];

export function sampleIntent(overrides: Partial<IntentView> = {}): IntentView {
  const at = '2026-01-15T10:00:00.000Z';
  return {
    id: '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11',
    referenceId: 'CO-20260115-0001',
    type: 'CASH_OUT',
    status: 'CREATED',
    channel: 'MOBILE_PRO',
    amount: 10000,
    currency: 'XOF',
    fees: 250,
    totalDebit: 10250,
    commission: 100,
    agent: { userId: USERS.AGENT.userId, phone: USERS.AGENT.phone },
    client: { userId: USERS.CLIENT.userId, phone: USERS.CLIENT.phone },
    initiatorUserId: USERS.AGENT.userId,
    createdBy: USERS.AGENT.userId,
    expiresAt: '2026-01-15T10:10:00.000Z',
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'CREATED', at }],
    ...overrides,
  };
}

/** Default answers: every command gets a plausible reply of its kind. */
function defaultAnswers(sealedBox: SealedBox, jwt: JwtCodec): Partial<Record<MessageType, Answer>> {
  const intentReply = (message: Message, status: IntentView['status']): ReplyBody => {
    const payload = message.payload as { intentId?: string };
    return { kind: 'intent', intent: sampleIntent({ id: payload.intentId ?? message.aggregateId, status }) };
  };
  return {
    Login: async (message) => {
      const payload = message.payload as { phone: string; sealedPin: string };
      const user = Object.values(USERS).find((candidate) => candidate.phone === payload.phone);
      const role = (Object.keys(USERS) as Role[]).find((key) => USERS[key].phone === payload.phone);
      if (!user || !role || sealedBox.open(payload.sealedPin) !== GOOD_PIN) {
        return { kind: 'error', error: { code: 'INVALID_CREDENTIALS', message: 'wrong phone or PIN' } };
      }
      const token = await jwt.sign({ sub: user.userId, role, phone: user.phone }, 900);
      return {
        kind: 'login',
        sealedAccessToken: sealedBox.seal(token),
        expiresIn: 900,
        user: { id: user.userId, role, phone: user.phone },
      };
    },
    IssueQrToken: () => ({ kind: 'qr-token', qrToken: 'qr-abc', expiresAt: '2026-01-15T10:02:00.000Z' }),
    CreateCashOutIntent: (message) => intentReply(message, 'CREATED'),
    GetIntent: (message) => intentReply(message, 'PROCESSING'),
    ListIntents: () => ({ kind: 'intent-page', items: [sampleIntent()], nextCursor: null }),
    SendIntentOtp: (message) => intentReply(message, 'OTP_SENT'),
    VerifyIntentOtp: (message) => intentReply(message, 'OTP_VERIFIED'),
    VerifyIntentPin: (message) => intentReply(message, 'PIN_VERIFIED'),
    ConfirmIntent: (message) => intentReply(message, 'SUCCEEDED'),
    CancelIntent: (message) => intentReply(message, 'CANCELED'),
    GetWallets: () => ({
      kind: 'wallets',
      wallets: [{ walletId: 'w-1', kind: 'MAIN', currency: 'XOF', balance: 500000, available: 500000 }],
    }),
    GetReconciliation: () => ({
      kind: 'reconciliation',
      report: { balanced: true, walletsChecked: 8, mismatches: [], totalsByCurrency: { XOF: 0 } },
    }),
    ListSandboxNotifications: () => ({ kind: 'notifications', records: [] }),
    GetAgentDailyReport: (message) => {
      const { agentPhone, from, to } = message.payload as { agentPhone: string; from: string; to: string };
      return { kind: 'agent-daily-report', report: { agentPhone, from, to, days: [], totals: [] } };
    },
    UnlockUser: (message) => {
      const { userId } = message.payload as { userId: string };
      return { kind: 'user-unlocked', user: { id: userId, role: 'AGENT', phone: USERS.AGENT.phone }, wasLocked: false };
    },
  };
}

export async function createHarness(env: Record<string, string> = {}, infrastructure?: InfrastructureOptions): Promise<Harness> {
  const bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
  const config = loadGatewayConfig({
    APP_ENV: 'test',
    MESSAGE_SEAL_KEY: SEAL_KEY,
    GATEWAY_REPLY_TIMEOUT_MS: '400',
    CONFIRM_WAIT_MS: '150',
    ...env,
  });
  const sealedBox = new SealedBox(SEAL_KEY);
  const jwt = new JwtCodec(config.jwt);
  const signToken = (role: Role, userId: string) => jwt.sign({ sub: userId, role, phone: USERS[role].phone }, 900, systemClock.now());
  const tokens = new Map<Role, string>();
  for (const role of Object.keys(USERS) as Role[]) tokens.set(role, await signToken(role, USERS[role].userId));
  const answers = defaultAnswers(sealedBox, jwt);
  const platform = new MessageFactory('fake-platform');

  // A stand-in for every other service: answers each command on the reply topic.
  await consumeMessages(bus, {
    group: 'fake-platform',
    topics: COMMAND_TOPICS,
    handlers: Object.fromEntries(
      (Object.keys(answers) as MessageType[]).map((type) => [
        type,
        async (message: Message) => {
          const answer = harness.answers[message.type];
          const body = answer ? await answer(message) : undefined;
          if (body) await bus.publish([platform.reply(message, 'GatewayReply', body)]);
        },
      ]),
    ),
  });

  const app = await createGatewayApp(
    { platform: { serviceName: 'gateway', bus, sealKey: SEAL_KEY }, config, seedDemo: true, ...(infrastructure ? { infrastructure } : {}) },
    { logger: false },
  );

  const harness: Harness = {
    app,
    bus,
    config,
    sealedBox,
    answers,
    tokenFor: (role) => tokens.get(role) as string,
    signToken,
    published: (type) =>
      bus
        .records(topicOf(type))
        .map((record) => record.value as Message)
        .filter((message) => message.type === type),
    close: async () => {
      await app.close();
      await bus.stop();
    },
  };
  return harness;
}
