import { ErrorBody } from '@cashout/shared-contracts';

/** The outcome of a rule: a value, or an expected refusal carried as a stable error body. */
export type Decision<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });

export const refuse = (error: ErrorBody): Decision<never> => ({ ok: false, error });

/** VALIDATION_FAILED naming the offending field, as the gateway renders it. */
export const invalidField = (field: string, message: string): Decision<never> =>
  refuse({ code: 'VALIDATION_FAILED', message: `${field} ${message}`, details: [{ field, message }] });
