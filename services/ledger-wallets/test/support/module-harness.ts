import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Actor, ErrorBody, IntentView, Message, MessageType, PayloadOf, ReconciliationView, ReplyBody, TOPICS, WalletView } from '@cashout/shared-contracts';
import { InMemoryMessageBus, ManualClock, MessageFactory, OutgoingMessage, SealedBox } from '@cashout/platform';
import { LEDGER_REPOSITORY, LedgerRepository, LedgerWalletsModule, loadLedgerConfig } from '../../src';

export const SEAL_KEY = 'test-seal-key-0123456789';
export const AGENT: Actor = { userId: 'usr-agent-0001', role: 'AGENT' };
export const AGENT_PHONE = '+2250500000001';
export const CLIENT = { userId: 'usr-client-0001', phone: '+2250100000001', kycTier: 2, status: 'ACTIVE' as const, preferredChannel: 'WHATSAPP' as const };
export const CLIENT_WALLET = 'wlt-usr-client-0001-main-XOF';

/**
 * Boots the module on its own in-memory bus and plays the gateway and the other services
 * (customer, risk-engine, auth, notifications) by hand.
 */
export class ModuleHarness {
  readonly bus = new InMemoryMessageBus({ backoffMs: () => 1 });
  readonly clock = new ManualClock();
  readonly sealed = new SealedBox(SEAL_KEY);
  /** The other services' producers. */
  readonly gateway = new MessageFactory('gateway', () => this.clock.now());
  readonly others = new MessageFactory('test-services', () => this.clock.now());
  app!: INestApplicationContext;

  async start(): Promise<this> {
    this.app = await NestFactory.createApplicationContext(
      LedgerWalletsModule.register({
        platform: { serviceName: 'ledger-wallets', bus: this.bus, sealKey: SEAL_KEY, clock: this.clock },
        config: loadLedgerConfig({ APP_ENV: 'test', EXPIRY_SWEEP_INTERVAL_MS: '3600000' }),
        seedDemo: true,
      }),
      { logger: false },
    );
    await this.app.init();
    return this;
  }

  async close(): Promise<void> {
    await this.bus.idle();
    await this.app.close();
    await this.bus.stop();
  }

  get ledger(): LedgerRepository {
    return this.app.get<LedgerRepository>(LEDGER_REPOSITORY);
  }

  /** Publishes and waits until every consumer (and the outbox relay) is done. */
  async publish(...messages: OutgoingMessage[]): Promise<void> {
    await this.bus.publish(messages);
    await this.bus.idle();
  }

  /** A gateway request; returns its message so replies can be correlated. */
  async request<T extends MessageType>(type: T, payload: PayloadOf<T>, aggregateId: string): Promise<OutgoingMessage> {
    const message = this.gateway.create(type, payload, { aggregateId, correlationId: `corr-${randomUUID()}` });
    await this.publish(message);
    return message;
  }

  /** Another service's answer to a command of ours: same correlation, caused by it. */
  answer<T extends MessageType>(cause: Message, type: T, payload: PayloadOf<T>): OutgoingMessage {
    return this.others.reply(cause, type, payload);
  }

  messages<T extends MessageType>(topic: string, type: T, intentId?: string): Array<Message<T>> {
    return this.bus
      .records(topic)
      .map((record) => record.value as Message<T>)
      .filter((message) => message.type === type)
      .filter((message) => !intentId || message.aggregateId === intentId);
  }

  /** The latest command of `type` the saga sent for the intent. */
  lastCommand<T extends MessageType>(topic: string, type: T, intentId: string): Message<T> {
    const found = this.messages(topic, type, intentId);
    if (found.length === 0) throw new Error(`no ${type} on ${topic} for ${intentId}`);
    return found[found.length - 1];
  }

  replies(request: OutgoingMessage): ReplyBody[] {
    return this.messages(TOPICS.gatewayReplies, 'GatewayReply')
      .filter((reply) => reply.correlationId === request.envelope.correlationId)
      .map((reply) => reply.payload);
  }

  onlyReply(request: OutgoingMessage): ReplyBody {
    const replies = this.replies(request);
    expect(replies).toHaveLength(1);
    return replies[0];
  }

  intentReply(request: OutgoingMessage): IntentView {
    const reply = this.onlyReply(request);
    if (reply.kind !== 'intent') throw new Error(`expected an intent, got ${JSON.stringify(reply)}`);
    return reply.intent;
  }

  errorReply(request: OutgoingMessage): ErrorBody {
    const reply = this.onlyReply(request);
    if (reply.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
    return reply.error;
  }

  // ------------------------------------------------------------ the saga, step by step

  async create(intentId: string, amount = 10_000): Promise<OutgoingMessage> {
    const request = await this.request(
      'CreateCashOutIntent',
      { intentId, actor: AGENT, channel: 'MOBILE_PRO', clientPhone: CLIENT.phone, amount, currency: 'XOF' },
      intentId,
    );
    const resolve = this.lastCommand(TOPICS.customerCommands, 'ResolveParties', intentId);
    await this.publish(
      this.answer(resolve, 'PartiesResolved', {
        intentId,
        stepId: resolve.payload.stepId,
        agent: { userId: AGENT.userId, phone: AGENT_PHONE },
        client: CLIENT,
      }),
    );
    const evaluate = this.lastCommand(TOPICS.riskCommands, 'EvaluateCashOut', intentId);
    await this.publish(this.answer(evaluate, 'CashOutEvaluated', { intentId, stepId: evaluate.payload.stepId, approved: true, reasons: [] }));
    return request;
  }

  async sendOtp(intentId: string): Promise<OutgoingMessage> {
    const request = await this.request('SendIntentOtp', { intentId, actor: AGENT }, intentId);
    // The send goes through the risk engine's OTP-send budgets (which pass it on to auth).
    const issue = this.lastCommand(TOPICS.riskCommands, 'AdmitOtpSend', intentId);
    const expiresAt = new Date(this.clock.now().getTime() + 300_000).toISOString();
    await this.publish(this.answer(issue, 'OtpDispatched', { intentId, otpId: issue.payload.otpId, channel: 'WHATSAPP', status: 'SENT', expiresAt }));
    return request;
  }

  async verifyOtp(intentId: string): Promise<OutgoingMessage> {
    const request = await this.request('VerifyIntentOtp', { intentId, actor: AGENT, sealedOtp: this.sealed.seal('123456') }, intentId);
    const verify = this.lastCommand(TOPICS.authCommands, 'VerifyOtp', intentId);
    await this.publish(this.answer(verify, 'OtpVerified', { intentId, stepId: verify.payload.stepId }));
    return request;
  }

  async verifyPin(intentId: string): Promise<OutgoingMessage> {
    const request = await this.request('VerifyIntentPin', { intentId, actor: AGENT, sealedPin: this.sealed.seal('1234') }, intentId);
    const verify = this.lastCommand(TOPICS.authCommands, 'VerifyPin', intentId);
    await this.publish(this.answer(verify, 'PinVerified', { intentId, stepId: verify.payload.stepId }));
    return request;
  }

  async toPinVerified(intentId: string, amount = 10_000): Promise<void> {
    await this.create(intentId, amount);
    await this.sendOtp(intentId);
    await this.verifyOtp(intentId);
    await this.verifyPin(intentId);
  }

  reservationAnswer(intentId: string, approved = true): OutgoingMessage {
    const reserve = this.lastCommand(TOPICS.riskCommands, 'ReserveCashOut', intentId);
    return this.answer(reserve, 'CashOutReserved', { intentId, stepId: reserve.payload.stepId, approved, reasons: approved ? [] : ['DAILY_LIMIT'] });
  }

  async wallets(ownerUserId: string): Promise<WalletView[]> {
    const request = await this.request('GetWallets', { ownerUserId }, ownerUserId);
    const reply = this.onlyReply(request);
    if (reply.kind !== 'wallets') throw new Error(`expected wallets, got ${JSON.stringify(reply)}`);
    return reply.wallets;
  }

  async balances(ownerUserId: string): Promise<Record<string, { balance: number; available: number }>> {
    const wallets = await this.wallets(ownerUserId);
    return Object.fromEntries(wallets.map((wallet) => [wallet.kind, { balance: wallet.balance, available: wallet.available }]));
  }

  async reconciliation(): Promise<ReconciliationView> {
    const request = await this.request('GetReconciliation', {}, 'reconciliation');
    const reply = this.onlyReply(request);
    if (reply.kind !== 'reconciliation') throw new Error(`expected a report, got ${JSON.stringify(reply)}`);
    return reply.report;
  }

  async cashOutEntries(intentId: string) {
    return (await this.ledger.allEntries()).filter((entry) => entry.intentId === intentId && entry.kind === 'CASH_OUT');
  }
}
