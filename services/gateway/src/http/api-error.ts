import { ErrorBody, ErrorCode } from '@cashout/shared-contracts';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error answered to the HTTP caller; the status comes from the code, in one place. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** An error the platform answered; one that says when to retry also says it in Retry-After. */
  static fromBody(body: ErrorBody): ApiError {
    const retryAfter = retryAfterSecondsOf(body.details);
    return new ApiError(body.code, body.message, body.details, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
  }

  static validation(problems: FieldProblem[]): ApiError {
    return new ApiError('VALIDATION_FAILED', 'the request is invalid', problems);
  }

  static forbidden(message = 'this action is not allowed for your role'): ApiError {
    return new ApiError('FORBIDDEN', message);
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

function retryAfterSecondsOf(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return undefined;
  const seconds = details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
