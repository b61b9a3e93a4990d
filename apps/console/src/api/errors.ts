import type { ErrorBody } from './types';

/** An answer of the gateway other than 2xx, or no answer at all (code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${body.code}: ${body.message}`);
    this.name = 'ApiError';
  }
}

/** What a refusal means, in plain words, for the codes a person meets on these pages. */
const PLAIN: Record<string, string> = {
  VALIDATION_FAILED: 'a field is not valid',
  MALFORMED_JSON: 'the request could not be read',
  UNAUTHENTICATED: 'you are not signed in, or your session has ended; sign in again',
  INVALID_CREDENTIALS: 'wrong phone number or PIN',
  FORBIDDEN: 'your role may not do this',
  NOT_FOUND: 'not found',
  INVALID_STATE: 'this step is not possible in the intent’s current status',
  IDEMPOTENCY_KEY_REUSED: 'this request was already sent with other content',
  RISK_DENIED: 'the risk engine refused this cash-out',
  INSUFFICIENT_FUNDS: 'the client’s wallet holds less than amount + fees',
  OTP_INVALID: 'wrong OTP',
  OTP_EXPIRED: 'the OTP has expired; send a new one',
  OTP_RESEND_LIMIT: 'no more OTP resends for this intent',
  OTP_RESEND_TOO_SOON: 'wait a little before sending the OTP again',
  OTP_DELIVERY_FAILED: 'the OTP could not be delivered to the client',
  PIN_INVALID: 'wrong PIN',
  PIN_LOCKED: 'the PIN is locked after too many wrong tries',
  RATE_LIMITED: 'too many requests; try again shortly',
  BUDGET_EXHAUSTED: 'a limit against abuse is reached; try again later',
  TIMEOUT: 'the platform did not answer in time; try again',
  INTERNAL: 'the platform failed; try again',
  NETWORK: 'the gateway could not be reached',
};

/** One line for a person: "INSUFFICIENT_FUNDS: the client’s wallet holds less than amount + fees (…message)". */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { code, message, details } = error.body;
    const plain = PLAIN[code];
    const fields = fieldProblems(details);
    const said = message && message !== plain ? message : '';
    const parts = [plain, said, fields].filter((part) => part);
    return `${code}: ${parts.join(' — ')}`;
  }
  if (error instanceof Error) return `ERROR: ${error.message}`;
  return `ERROR: ${String(error)}`;
}

/** VALIDATION_FAILED details are [{field, message}]: "amount must be positive; …". */
function fieldProblems(details: unknown): string {
  if (!Array.isArray(details)) return '';
  return details
    .map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return '';
      const { field, message } = item as { field?: unknown; message?: unknown };
      return [field, message].filter((part) => typeof part === 'string' && part).join(' ');
    })
    .filter((line) => line)
    .join('; ');
}

/** Reads an error answer; a body that is not the platform's error shape still gives a code and a message. */
export function toApiError(status: number, text: string): ApiError {
  try {
    const parsed = JSON.parse(text) as { error?: Partial<ErrorBody> };
    if (parsed.error && typeof parsed.error.code === 'string') {
      return new ApiError(status, {
        code: parsed.error.code,
        message: typeof parsed.error.message === 'string' ? parsed.error.message : '',
        details: parsed.error.details,
        correlationId: parsed.error.correlationId,
      });
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, { code: `HTTP_${status}`, message: text.slice(0, 200) || 'the gateway answered without a body' });
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, { code: 'NETWORK', message: detail });
}
