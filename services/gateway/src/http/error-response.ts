import type { Response } from 'express';
import { ErrorBody } from '@cashout/shared-contracts';
import { httpStatusFor } from './error-status';
import { ApiError } from './api-error';

/** Writes `{error: {code, message, details?, correlationId}}` with the status of its code. */
export function writeError(response: Response, error: ApiError, correlationId: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body: ErrorBody & { correlationId: string } = { ...error.toBody(), correlationId };
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.status(httpStatusFor(error.code)).json({ error: body });
}
