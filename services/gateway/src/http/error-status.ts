import { ErrorCode } from '@cashout/shared-contracts';

/**
 * The one table from stable error codes to HTTP statuses, at the HTTP edge. A Record over
 * ErrorCode makes the compiler refuse a new code until it is given a status here.
 */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  RISK_DENIED: 422,
  INSUFFICIENT_FUNDS: 422,
  OTP_INVALID: 422,
  OTP_EXPIRED: 422,
  OTP_RESEND_LIMIT: 422,
  OTP_RESEND_TOO_SOON: 422,
  PIN_INVALID: 422,
  PIN_LOCKED: 423,
  RATE_LIMITED: 429,
  BUDGET_EXHAUSTED: 429,
  INTERNAL: 500,
  OTP_DELIVERY_FAILED: 503,
  TIMEOUT: 504,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** The codes answered with this status, in the table's order (for the OpenAPI document). */
export function errorCodesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(STATUS_BY_CODE) as ErrorCode[]).filter((code) => STATUS_BY_CODE[code] === status);
}

/** Nest and Express raise plain HTTP statuses (unknown route, ...): give them a stable code. */
export function errorCodeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 413:
    case 415:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 409:
      return 'INVALID_STATE';
    case 429:
      return 'RATE_LIMITED';
    case 504:
      return 'TIMEOUT';
    default:
      return status >= 400 && status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL';
  }
}
