import { z } from 'zod';
import { IntentView, IntentViewSchema, ReconciliationView, ReconciliationViewSchema, WalletView, WalletViewSchema } from '@cashout/shared-contracts';
import { ApiResponse, GatewayClient, NoAnswerError, errorOf, isTransient } from './gateway-client';

export interface Credentials {
  phone: string;
  pin: string;
}

export interface RequestOptions {
  as?: Credentials;
  body?: unknown;
  idempotencyKey?: string;
  /** The gateway to try first. */
  gateway?: number;
  /** Tries in all, on no answer or a transient status (moving to the next gateway each time). */
  attempts?: number;
}

export interface ApiStats {
  requests: number;
  retried: number;
  noAnswer: number;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const LoginSchema = z.object({ accessToken: z.string() });
const IntentPageSchema = z.object({ items: z.array(IntentViewSchema), nextCursor: z.string().nullable() });

/** A parsed body, or an error naming the request: the runner trusts nothing it did not validate. */
export function parseBody<T>(schema: z.ZodType<T>, response: ApiResponse, what: string): T {
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw new Error(`${what}: unexpected answer ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return parsed.data;
}

/**
 * The gateways as a client that holds its course under faults: it moves to the next gateway
 * when one does not answer or answers 5xx, retries with a short backoff, and logs in again
 * when a token is refused. Tokens are cached per phone.
 */
export class PlatformApi {
  readonly stats: ApiStats = { requests: 0, retried: 0, noAnswer: 0 };
  private readonly tokens = new Map<string, Promise<string>>();
  private nextGateway = 0;

  constructor(readonly client: GatewayClient) {}

  async request(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const attempts = options.attempts ?? 6;
    let gateway = options.gateway ?? this.nextGateway++;
    let last: ApiResponse | NoAnswerError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) {
        this.stats.retried += 1;
        await sleep(Math.min(3_000, 250 * 2 ** (attempt - 2)));
      }
      this.stats.requests += 1;
      try {
        const token = options.as ? await this.token(options.as, gateway) : undefined;
        const response = await this.client.send(method, path, { token, body: options.body, idempotencyKey: options.idempotencyKey, gateway });
        last = response;
        if (response.status === 401 && options.as) {
          this.tokens.delete(options.as.phone);
          continue;
        }
        if (!isTransient(response)) return response;
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        this.stats.noAnswer += 1;
        last = error;
      }
      gateway += 1;
    }
    if (last instanceof NoAnswerError || last === undefined) throw last ?? new NoAnswerError(`${method} ${path}: no attempt made`, gateway);
    return last;
  }

  /** A bearer token for these credentials, logging in (once, shared by concurrent callers) when needed. */
  token(credentials: Credentials, gateway = 0): Promise<string> {
    const cached = this.tokens.get(credentials.phone);
    if (cached) return cached;
    const login = (async () => {
      const response = await this.request('POST', '/auth/login', { body: credentials, gateway, attempts: 8 });
      return parseBody(LoginSchema, response, `login ${credentials.phone}`).accessToken;
    })();
    this.tokens.set(credentials.phone, login);
    login.catch(() => this.tokens.delete(credentials.phone));
    return login;
  }

  async intent(id: string, as: Credentials): Promise<IntentView> {
    return parseBody(IntentViewSchema, await this.request('GET', `/intents/${encodeURIComponent(id)}`, { as }), `GET /intents/${id}`);
  }

  /** Every intent the caller may see, page by page. */
  async allIntents(as: Credentials, status?: string): Promise<IntentView[]> {
    const out: IntentView[] = [];
    let cursor: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({ limit: '100', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
      const page: z.infer<typeof IntentPageSchema> = parseBody(IntentPageSchema, await this.request('GET', `/intents?${query}`, { as }), 'GET /intents');
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  /** A customer's wallets; an empty list when the platform knows no wallet for the phone. */
  async wallets(phone: string, as: Credentials): Promise<WalletView[]> {
    const response = await this.request('GET', `/wallets?phone=${encodeURIComponent(phone)}`, { as });
    if (response.status === 404) return [];
    return parseBody(z.array(WalletViewSchema), response, `GET /wallets?phone=${phone}`);
  }

  async reconciliation(as: Credentials): Promise<ReconciliationView> {
    return parseBody(ReconciliationViewSchema, await this.request('GET', '/ledger/reconciliation', { as }), 'GET /ledger/reconciliation');
  }

  /** The error code of an answer, or its status when the body has none. */
  static codeOf(response: ApiResponse): string {
    return errorOf(response)?.code ?? `HTTP ${response.status}`;
  }
}
