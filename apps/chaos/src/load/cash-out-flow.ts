import { randomUUID } from 'node:crypto';
import { IntentStatus, IntentView, IntentViewSchema } from '@cashout/shared-contracts';
import { FlowPlan } from '../domain/flow-plan';
import { AGENT_PIN } from '../domain/population';
import { ApiResponse, NoAnswerError } from '../http/gateway-client';
import { OtpReader } from '../http/otp-reader';
import { Credentials, PlatformApi } from '../http/platform-api';
import { FlowRecord } from './flow-record';

const ORDER: IntentStatus[] = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED'];
const ENDED: IntentStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'];
/** Codes that are the platform's business answer, not a failure to answer. */
const REFUSALS = new Set([
  'RISK_DENIED',
  'INSUFFICIENT_FUNDS',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_RESEND_LIMIT',
  'PIN_INVALID',
  'PIN_LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
]);

const reached = (status: IntentStatus, target: IntentStatus) => ORDER.indexOf(status) >= ORDER.indexOf(target);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Stops a flow; the message becomes the record's reason. */
class FlowStop extends Error {
  constructor(
    readonly outcome: 'refused' | 'failed' | 'abandoned',
    message: string,
  ) {
    super(message);
  }
}

export interface FlowContext {
  api: PlatformApi;
  otp: OtpReader;
  operator: Credentials;
  admin: Credentials;
  runId: string;
  /** How long a flow waits for an OTP to appear, or for a PROCESSING intent to end. */
  waitMs: number;
}

/**
 * One complete cash-out as a client application drives it, through HTTP only: create,
 * send-otp, read the OTP from the sandbox, verify-otp, verify-pin, confirm, then wait for the
 * outcome. It retries what did not get an answer (a killed gateway, a 504 while a service
 * restarts), reads the intent when a retried step may have gone through already, and sends
 * some requests twice on purpose (the plan's resends).
 */
export class CashOutFlow {
  private readonly record: FlowRecord;
  private readonly as: Credentials;
  private gateway: number;

  constructor(
    private readonly context: FlowContext,
    private readonly plan: FlowPlan,
  ) {
    this.as = plan.channel === 'CMMS' ? context.operator : { phone: plan.agentPhone, pin: AGENT_PIN };
    this.gateway = plan.gateway;
    this.record = { plan, outcome: 'failed', extraIntentIds: [], toldSucceeded: false, startedAt: Date.now(), endedAt: 0, resent: 0, findings: [] };
  }

  async run(): Promise<FlowRecord> {
    try {
      const id = await this.create();
      await this.otpExchange(id);
      this.abandonAfter('verify-otp');
      await this.advance(id, 'verify-pin', { pin: AGENT_PIN }, 'PIN_VERIFIED', this.plan.resends.includes('verify-pin-again'));
      this.abandonAfter('verify-pin');
      await this.confirm(id);
    } catch (error) {
      this.record.outcome = error instanceof FlowStop ? error.outcome : 'failed';
      this.record.reason = error instanceof Error ? error.message : String(error);
    }
    if (this.record.intentId && !this.record.finalStatus) await this.readFinal(this.record.intentId);
    this.record.endedAt = Date.now();
    return this.record;
  }

  private post(path: string, body?: unknown, idempotencyKey?: string): Promise<ApiResponse> {
    return this.context.api.request('POST', path, { as: this.as, body, idempotencyKey, gateway: this.gateway++ });
  }

  private abandonAfter(step: FlowPlan['abandonAfter']): void {
    if (this.plan.abandonAfter === step) throw new FlowStop('abandoned', `walked away after ${step}`);
  }

  private async create(): Promise<string> {
    const body =
      this.plan.channel === 'CMMS'
        ? { agentPhone: this.plan.agentPhone, clientPhone: this.plan.clientPhone, amount: this.plan.amount }
        : { clientPhone: this.plan.clientPhone, amount: this.plan.amount };
    const key = `chaos-${this.context.runId}-${this.plan.index}`;
    const response = await this.post('/intents', body, key);
    const intent = this.intentOrStop(response, 'create');
    this.record.intentId = intent.id;
    if (this.plan.resends.includes('create-same-key')) {
      this.record.resent += 1;
      const again = await this.post('/intents', body, key);
      const replayed = IntentViewSchema.safeParse(again.body);
      if (replayed.success && replayed.data.id !== intent.id) {
        this.record.extraIntentIds.push(replayed.data.id);
        this.record.findings.push({
          invariant: 'idempotency',
          message: `Idempotency-Key ${key} answered a second intent ${replayed.data.id} (first ${intent.id})`,
          intentIds: [intent.id, replayed.data.id],
          wallets: [],
        });
      }
    }
    if (this.plan.resends.includes('create-new-key')) {
      this.record.resent += 1;
      const twin = IntentViewSchema.safeParse((await this.post('/intents', body, `${key}-twin-${randomUUID().slice(0, 8)}`)).body);
      if (twin.success) this.record.extraIntentIds.push(twin.data.id);
    }
    this.abandonAfter('create');
    return intent.id;
  }

  private async otpExchange(id: string): Promise<void> {
    let sentAt = Date.now();
    await this.advance(id, 'send-otp', undefined, 'OTP_SENT', false);
    if (this.plan.resends.includes('send-otp-again')) {
      this.record.resent += 1;
      const resendAt = Date.now();
      // A resend invalidates the first OTP: from now on only the newer one may work.
      if ((await this.post(`/intents/${id}/send-otp`)).status === 200) sentAt = resendAt;
    }
    this.abandonAfter('send-otp');
    for (let attempt = 1; ; attempt += 1) {
      const otp = await this.context.otp.latest(id, sentAt, this.context.waitMs);
      if (!otp) throw new FlowStop('failed', `no OTP in the sandbox log within ${this.context.waitMs} ms`);
      this.record.lastOtp = otp;
      try {
        await this.advance(id, 'verify-otp', { otp }, 'OTP_VERIFIED', this.plan.resends.includes('verify-otp-again'));
        return;
      } catch (error) {
        // A resend that got through after a timeout replaced the OTP just read: read again.
        if (!(error instanceof FlowStop) || !error.message.includes('OTP_INVALID') || attempt >= 2) throw error;
      }
    }
  }

  /** A step that moves the intent to `target`; a retry that finds it there already is fine. */
  private async advance(id: string, step: string, body: unknown, target: IntentStatus, twice: boolean): Promise<void> {
    const path = `/intents/${id}/${step}`;
    let response: ApiResponse;
    try {
      response = await this.post(path, body);
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      return this.settleFromState(id, step, target, error.message);
    }
    if (twice) {
      this.record.resent += 1;
      await this.post(path, body).catch(() => undefined);
    }
    if (response.status === 200) return;
    const code = PlatformApi.codeOf(response);
    if (REFUSALS.has(code)) throw new FlowStop('refused', `${step}: ${code}`);
    return this.settleFromState(id, step, target, code);
  }

  /** After an unclear answer, the intent's state tells whether the step happened. */
  private async settleFromState(id: string, step: string, target: IntentStatus, why: string): Promise<void> {
    const intent = await this.context.api.intent(id, this.as).catch(() => undefined);
    if (intent && reached(intent.status, target)) return;
    throw new FlowStop('failed', `${step}: ${why} (intent ${intent?.status ?? 'unreadable'})`);
  }

  /**
   * Confirms, then waits for the outcome. A confirm that got no answer may not have reached
   * the saga (the intent stays PIN_VERIFIED): it is sent again, with the same key.
   */
  private async confirm(id: string): Promise<void> {
    let statuses: number[] = [];
    for (let round = 1; round <= 3; round += 1) {
      const responses = await this.sendConfirm(id, round === 1);
      statuses = [...statuses, ...responses.map((response) => response.status)];
      for (const response of responses) {
        const intent = IntentViewSchema.safeParse(response.body);
        if (intent.success && intent.data.status === 'SUCCEEDED') this.record.toldSucceeded = true;
      }
      const refusal = responses.map((response) => PlatformApi.codeOf(response)).find((code) => REFUSALS.has(code));
      const final = await this.waitForEnd(id, refusal ? 0 : 5_000);
      if (final?.status === 'SUCCEEDED') {
        this.record.outcome = 'succeeded';
        return;
      }
      if (refusal) throw new FlowStop('refused', `confirm: ${refusal}`);
      if (final?.status !== 'PIN_VERIFIED') break;
    }
    throw new FlowStop('failed', `confirm: the intent is ${this.record.finalStatus ?? 'unreadable'} (answers ${statuses.join(', ') || 'none'})`);
  }

  private async sendConfirm(id: string, withResends: boolean): Promise<ApiResponse[]> {
    const path = `/intents/${id}/confirm`;
    const key = `chaos-${this.context.runId}-${this.plan.index}-confirm`;
    const answered = (results: PromiseSettledResult<ApiResponse>[]) => results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (withResends && this.plan.resends.includes('confirm-twice')) {
      this.record.resent += 1;
      return answered(await Promise.allSettled([this.post(path), this.post(path)]));
    }
    const responses = answered(await Promise.allSettled([this.post(path, undefined, key)]));
    if (withResends && this.plan.resends.includes('confirm-same-key')) {
      this.record.resent += 1;
      responses.push(...answered(await Promise.allSettled([this.post(path, undefined, key)])));
    }
    return responses;
  }

  /**
   * Polls the intent until it ends, or until it has stayed PIN_VERIFIED for `pinVerifiedGraceMs`
   * (the confirm was refused, or never arrived), or until the wait is over.
   */
  private async waitForEnd(id: string, pinVerifiedGraceMs: number): Promise<IntentView | undefined> {
    const deadline = Date.now() + this.context.waitMs;
    let intent: IntentView | undefined;
    let pinVerifiedSince: number | undefined;
    for (;;) {
      intent = (await this.context.api.intent(id, this.as).catch(() => undefined)) ?? intent;
      if (intent && ENDED.includes(intent.status)) break;
      pinVerifiedSince = intent?.status === 'PIN_VERIFIED' ? (pinVerifiedSince ?? Date.now()) : undefined;
      if (pinVerifiedSince !== undefined && Date.now() - pinVerifiedSince >= pinVerifiedGraceMs) break;
      if (Date.now() > deadline) break;
      await sleep(300);
    }
    if (intent) {
      this.record.finalStatus = intent.status;
      if (intent.status === 'SUCCEEDED') this.record.toldSucceeded = true;
    }
    return intent;
  }

  private async readFinal(id: string): Promise<void> {
    const intent = await this.context.api.intent(id, this.as).catch(() => undefined);
    if (intent) this.record.finalStatus = intent.status;
  }

  private intentOrStop(response: ApiResponse, step: string): IntentView {
    const intent = IntentViewSchema.safeParse(response.body);
    if ((response.status === 200 || response.status === 201) && intent.success) return intent.data;
    const code = PlatformApi.codeOf(response);
    throw new FlowStop(REFUSALS.has(code) ? 'refused' : 'failed', `${step}: ${code}`);
  }
}
