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
 * Reads OTPs from the sandbox log as an admin, by intent (`intentId=`), so any number of
 * OTP exchanges of one client can run at once.
 */
export class OtpReader {
  private constructor(
    private readonly api: PlatformApi,
    private readonly admin: Credentials,
  ) {}

  /** Checks once that the stack serves the sandbox log (APP_ENV development or test). */
  static async create(api: PlatformApi, admin: Credentials): Promise<OtpReader> {
    const probe = await api.request('GET', '/sandbox/notifications?intentId=00000000-0000-4000-8000-000000000000&limit=1', { as: admin });
    if (probe.status !== 200) throw new Error(`GET /sandbox/notifications answered ${probe.status}: is the stack running with APP_ENV=test?`);
    return new OtpReader(api, admin);
  }

  /** The newest OTP of the intent sent at or after `sentAfterMs`, waiting for it up to `timeoutMs`. */
  async latest(intentId: string, sentAfterMs: number, timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    const query = `intentId=${encodeURIComponent(intentId)}&limit=20`;
    for (;;) {
      const response = await this.api.request('GET', `/sandbox/notifications?${query}`, { as: this.admin, attempts: 3 }).catch(() => undefined);
      const parsed = response?.status === 200 ? RecordsSchema.safeParse(response.body) : undefined;
      if (parsed?.success) {
        const found = parsed.data.find((record) => this.matches(record, intentId, sentAfterMs));
        if (found?.otp) return found.otp;
      }
      if (Date.now() > deadline) return undefined;
      await sleep(150);
    }
  }

  private matches(record: SandboxRecord, intentId: string, sentAfterMs: number): boolean {
    return record.kind === 'OTP' && record.otp !== undefined && record.intentId === intentId && Date.parse(record.createdAt) >= sentAfterMs - 5;
  }
}
