import { z } from 'zod';
import { ErrorBodySchema } from '@cashout/shared-contracts';

export interface ApiResponse {
  status: number;
  body: unknown;
  /** The gateway (index) that answered. */
  gateway: number;
}

/** No HTTP answer at all: connection refused or reset (a killed gateway), or the client's timeout. */
export class NoAnswerError extends Error {
  constructor(
    message: string,
    readonly gateway: number,
  ) {
    super(message);
    this.name = 'NoAnswerError';
  }
}

export interface SendOptions {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  /** The gateway to use (index into the urls). */
  gateway: number;
}

const ErrorEnvelopeSchema = z.object({ error: ErrorBodySchema });
export type ApiErrorBody = z.infer<typeof ErrorBodySchema>;

/** The error body of a non-2xx answer, when it has the contract's shape. */
export function errorOf(response: ApiResponse): ApiErrorBody | undefined {
  const parsed = ErrorEnvelopeSchema.safeParse(response.body);
  return parsed.success ? parsed.data.error : undefined;
}

/** Answers a retry may fix: the gateway timed out waiting for the platform, or is going down. */
export const isTransient = (response: ApiResponse): boolean => response.status >= 500 || response.status === 429;

/** HTTP to the gateways, one request at a time, with a client-side timeout. */
export class GatewayClient {
  constructor(
    readonly urls: string[],
    private readonly timeoutMs: number,
  ) {}

  get gateways(): number {
    return this.urls.length;
  }

  async send(method: 'GET' | 'POST', path: string, options: SendOptions): Promise<ApiResponse> {
    const gateway = options.gateway % this.urls.length;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.urls[gateway]}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new NoAnswerError(`${method} ${path} on gateway ${gateway}: ${error instanceof Error ? error.message : String(error)}${cause}`, gateway);
    }
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a proxy's or a dying process's page): kept as text for the report
    }
    return { status: response.status, body, gateway };
  }
}
