import { z } from 'zod';
import { Credentials, PlatformApi } from './platform-api';

const RecordsSchema = z.array(
  z.object({
    customerPhone: z.string(),
    kind: z.string(),
    otp: z.string().optional(),
    intentId: z.string().optional(),
    createdAt: z.string(),
  }),
);
type SandboxRecord = z.infer<typeof RecordsSchema>[number];

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Reads OTPs from the sandbox log as an admin. A gateway that filters by intent
 * (`intentId=`) lets any number of OTP exchanges of one client run at once; one that filters
 * only by phone cannot tell them apart, so then each client has one exchange at a time
 * and the OTP is the newest one sent after the request.
 */
export class OtpReader {
  private readonly locks = new Map<string, Promise<void>>();

  private constructor(
    private readonly api: PlatformApi,
    private readonly admin: Credentials,
    readonly byIntent: boolean,
  ) {}

  /** Asks the gateway once whether it knows the `intentId` filter. */
  static async create(api: PlatformApi, admin: Credentials): Promise<OtpReader> {
    const probe = await api.request('GET', '/sandbox/notifications?intentId=00000000-0000-4000-8000-000000000000&limit=1', { as: admin });
    if (probe.status !== 200 && probe.status !== 400) {
      throw new Error(`GET /sandbox/notifications answered ${probe.status}: is the stack running with APP_ENV=test?`);
    }
    return new OtpReader(api, admin, probe.status === 200);
  }

  /** Runs `work` (the flow up to its verify-otp) alone among this client's flows when the log cannot tell intents apart. */
  async exchange<T>(clientPhone: string, work: () => Promise<T>): Promise<T> {
    if (this.byIntent) return work();
    const previous = this.locks.get(clientPhone) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((done) => {
      release = done;
    });
    const chained = previous.then(() => mine);
    this.locks.set(clientPhone, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(clientPhone) === chained) this.locks.delete(clientPhone);
    }
  }

  /** The newest OTP of the intent sent at or after `sentAfterMs`, waiting for it up to `timeoutMs`. */
  async latest(intentId: string, clientPhone: string, sentAfterMs: number, timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    const query = this.byIntent
      ? `intentId=${encodeURIComponent(intentId)}&limit=20`
      : `phone=${encodeURIComponent(clientPhone)}&limit=20`;
    for (;;) {
      const response = await this.api.request('GET', `/sandbox/notifications?${query}`, { as: this.admin, attempts: 3 }).catch(() => undefined);
      const parsed = response?.status === 200 ? RecordsSchema.safeParse(response.body) : undefined;
      if (parsed?.success) {
        const found = parsed.data.find((record) => this.matches(record, intentId, clientPhone, sentAfterMs));
        if (found?.otp) return found.otp;
      }
      if (Date.now() > deadline) return undefined;
      await sleep(150);
    }
  }

  private matches(record: SandboxRecord, intentId: string, clientPhone: string, sentAfterMs: number): boolean {
    if (record.kind !== 'OTP' || !record.otp || Date.parse(record.createdAt) < sentAfterMs - 5) return false;
    return this.byIntent ? record.intentId === intentId : record.customerPhone === clientPhone;
  }
}
