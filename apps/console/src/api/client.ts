import { uuid } from '../lib/format';
import { ApiError, networkError, toApiError } from './errors';
import type {
  AgentDailyReport,
  IntentFilters,
  IntentPage,
  IntentView,
  LoginResponse,
  NotificationRecord,
  QrToken,
  ReconciliationView,
  WalletView,
} from './types';

export type Fetch = typeof fetch;

/** Same-origin calls to the gateway's API with the session's bearer token. */
export class ApiClient {
  constructor(
    private readonly token: string | undefined,
    private readonly onUnauthenticated: () => void = () => undefined,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  static async login(phone: string, pin: string, fetcher?: Fetch): Promise<LoginResponse> {
    return new ApiClient(undefined, undefined, fetcher).request<LoginResponse>('POST', '/auth/login', { phone, pin });
  }

  /** The raw response of a streaming GET (the caller reads its body); errors are thrown as ApiError. */
  async stream(path: string, signal: AbortSignal): Promise<Response> {
    const response = await this.send('GET', path, undefined, { accept: 'text/event-stream' }, signal);
    if (!response.ok) throw toApiError(response.status, await response.text());
    return response;
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, body, headers);
    const text = await response.text();
    if (!response.ok) {
      const error = toApiError(response.status, text);
      if (response.status === 401 && this.token) this.onUnauthenticated();
      throw error;
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    const all: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.token) all.authorization = `Bearer ${this.token}`;
    if (body !== undefined) all['content-type'] = 'application/json';
    try {
      return await this.fetcher(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw networkError(cause);
    }
  }

  // --- intents ---

  createIntent(body: { amount: number; agentPhone?: string; clientPhone?: string; clientQrToken?: string }): Promise<IntentView> {
    return this.request('POST', '/intents', body, { 'idempotency-key': uuid() });
  }

  getIntent(id: string): Promise<IntentView> {
    return this.request('GET', `/intents/${encodeURIComponent(id)}`);
  }

  listIntents(filters: IntentFilters, limit: number, cursor?: string): Promise<IntentPage> {
    return this.request('GET', `/intents${query({ ...filters, limit: String(limit), cursor })}`);
  }

  sendOtp(id: string): Promise<IntentView> {
    return this.request('POST', `/intents/${encodeURIComponent(id)}/send-otp`);
  }

  verifyOtp(id: string, otp: string): Promise<IntentView> {
    return this.request('POST', `/intents/${encodeURIComponent(id)}/verify-otp`, { otp });
  }

  verifyPin(id: string, pin: string): Promise<IntentView> {
    return this.request('POST', `/intents/${encodeURIComponent(id)}/verify-pin`, { pin });
  }

  /** Confirm: a fresh Idempotency-Key per click; 202 means PROCESSING (the stream tells the end). */
  confirm(id: string): Promise<IntentView> {
    return this.request('POST', `/intents/${encodeURIComponent(id)}/confirm`, undefined, { 'idempotency-key': uuid() });
  }

  cancel(id: string, reason?: string): Promise<IntentView> {
    return this.request('POST', `/intents/${encodeURIComponent(id)}/cancel`, reason ? { reason } : {});
  }

  // --- wallets, customers ---

  walletsOf(phone: string): Promise<WalletView[]> {
    return this.request('GET', `/wallets${query({ phone })}`);
  }

  myWallets(): Promise<WalletView[]> {
    return this.request('GET', '/wallets/me');
  }

  qrToken(): Promise<QrToken> {
    return this.request('POST', '/customers/me/qr-token');
  }

  // --- sandbox (development and test only: 404 elsewhere) ---

  sandboxNotifications(params: { phone?: string; intentId?: string; limit?: number }): Promise<NotificationRecord[]> {
    return this.request('GET', `/sandbox/notifications${query({ ...params, limit: params.limit?.toString() })}`);
  }

  myNotifications(limit = 20): Promise<NotificationRecord[]> {
    return this.request('GET', `/sandbox/notifications/mine${query({ limit: String(limit) })}`);
  }

  // --- operations ---

  reconciliation(): Promise<ReconciliationView> {
    return this.request('GET', '/ledger/reconciliation');
  }

  deadLetters(): Promise<{ count: number }> {
    return this.request('GET', '/operations/dead-letters');
  }

  agentReport(phone: string, from?: string, to?: string): Promise<AgentDailyReport> {
    return this.request('GET', `/reports/agents/${encodeURIComponent(phone)}/daily${query({ from, to })}`);
  }
}

/** "?a=1&b=2" of the values given (empty and undefined ones left out), or "". */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;
