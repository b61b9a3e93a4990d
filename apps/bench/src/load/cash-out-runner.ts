import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { IntentView, IntentViewSchema } from '@cashout/shared-contracts';
import { AGENT_PIN, ApiResponse, Credentials, GatewayClient, OtpReader, PlatformApi, Population, STAFF } from '@cashout/chaos';
import { Step, TimedCashOut } from './timed-cash-out';

const LoginSchema = z.object({ accessToken: z.string() });
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED']);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A step that did not get the answer it needed: the cash-out stops, counted as failed. */
class StepFailed extends Error {}

export interface CashOutRunnerContext {
  /** One request per step, no retry: a retry would hide the time a failure cost. */
  client: GatewayClient;
  /** The shared client for what is not timed on its own: reading the OTP, polling an intent. */
  api: PlatformApi;
  otp: OtpReader;
  population: Population;
  amount: number;
  /** How long to wait for an OTP to appear, or for a confirmed intent to end. */
  waitMs: number;
}

/**
 * Runs one complete CMMS cash-out through HTTP, timing each step: the operator's session
 * (one login, its token shared by every cash-out, as the console keeps its session; logged
 * in again after a 401), then it opens the intent for the next client and agent of the population, sends the OTP, reads it
 * from the sandbox log by intent, verifies it, verifies the agent's PIN and confirms
 * (waiting, when confirm answers 202, until the intent has ended).
 */
export class CashOutRunner {
  /** The operator's session: the login in flight or done, shared by every cash-out. */
  private session?: Promise<string>;

  constructor(private readonly context: CashOutRunnerContext) {}

  /** The session's token; the cash-out that starts the session times its login. */
  private token(record: TimedCashOut, gateway: number): Promise<string> {
    if (!this.session) {
      const login = this.timed(record, 'login', () => this.send('POST', '/auth/login', gateway, undefined, STAFF.operator)).then(
        (response) => LoginSchema.parse(response.body).accessToken,
      );
      this.session = login;
      login.catch(() => {
        if (this.session === login) this.session = undefined;
      });
    }
    return this.session;
  }

  async run(index: number): Promise<TimedCashOut> {
    const record: TimedCashOut = { index, outcome: 'failed', startedAt: Date.now(), endedAt: 0, steps: {}, toldSucceeded: false };
    const gateway = index;
    const { population } = this.context;
    const clientPhone = population.clients[index % population.clients.length];
    const agentPhone = population.agents[index % population.agents.length];
    try {
      const token = await this.token(record, gateway);
      const created = await this.timed(record, 'create', () =>
        this.send('POST', '/intents', gateway, token, { agentPhone, clientPhone, amount: this.context.amount }),
      );
      const id = IntentViewSchema.parse(created.body).id;
      record.intentId = id;
      const sentAt = Date.now();
      await this.timed(record, 'send-otp', () => this.send('POST', `/intents/${id}/send-otp`, gateway, token));
      const otp = await this.timed(record, 'read-otp', async () => {
        const found = await this.context.otp.latest(id, sentAt, this.context.waitMs);
        if (!found) throw new StepFailed(`no OTP in the sandbox log within ${this.context.waitMs} ms`);
        return found;
      });
      record.lastOtp = otp;
      await this.timed(record, 'verify-otp', () => this.send('POST', `/intents/${id}/verify-otp`, gateway, token, { otp }));
      await this.timed(record, 'verify-pin', () => this.send('POST', `/intents/${id}/verify-pin`, gateway, token, { pin: AGENT_PIN }));
      const final = await this.timed(record, 'confirm', () => this.confirm(id, gateway, token));
      if (final.status !== 'SUCCEEDED')
        throw new StepFailed(`confirm: the intent ended ${final.status}${final.failureReason ? ` (${final.failureReason})` : ''}`);
      record.outcome = 'succeeded';
    } catch (error) {
      record.reason = error instanceof Error ? error.message : String(error);
    }
    record.endedAt = Date.now();
    return record;
  }

  private async timed<T>(record: TimedCashOut, step: Step, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } catch (error) {
      throw new StepFailed(`${step}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      record.steps[step] = performance.now() - started;
    }
  }

  /** One request; anything but 200/201 (or 202 for confirm) fails the step with its error code. */
  private async send(method: 'GET' | 'POST', path: string, gateway: number, token?: string, body?: unknown): Promise<ApiResponse> {
    const response = await this.context.client.send(method, path, { gateway, token, body });
    // An expired session: the next cash-out logs in again (this one counts as failed).
    if (response.status === 401 && token !== undefined) this.session = undefined;
    if (response.status < 200 || response.status > 202) throw new StepFailed(`${method} ${path} answered ${PlatformApi.codeOf(response)}`);
    return response;
  }

  private async confirm(id: string, gateway: number, token: string): Promise<IntentView> {
    let intent = IntentViewSchema.parse((await this.send('POST', `/intents/${id}/confirm`, gateway, token)).body);
    const operator: Credentials = STAFF.operator;
    const deadline = Date.now() + this.context.waitMs;
    while (!ENDED.has(intent.status)) {
      if (Date.now() > deadline) throw new StepFailed(`still ${intent.status} after ${this.context.waitMs} ms`);
      await sleep(20);
      intent = await this.context.api.intent(id, operator);
    }
    return intent;
  }
}
