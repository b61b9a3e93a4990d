import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { AbuseBudgetSchema } from '@cashout/shared-contracts';
import { MetricsRegistry } from '../operations/metrics.registry';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { errorCodeForHttpStatus } from './error-status';
import { ApiError } from './api-error';
import { writeError } from './error-response';
import { GatewayRequest } from './request-context';

/** Turns anything thrown into an HTTP answer without leaking internals. */
export function toApiError(error: unknown, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = errorCodeForHttpStatus(status);
    if (code === 'NOT_FOUND') return new ApiError('NOT_FOUND', 'no such route');
    if (code !== 'INTERNAL') return new ApiError(code, 'the request was refused');
  }
  // Only the error's class is logged: messages of unexpected errors may quote input.
  const frames = error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined;
  logger.error(`unexpected ${error instanceof Error ? error.name : typeof error}`, frames);
  return new ApiError('INTERNAL', 'an internal error occurred');
}

@Catch()
export class GatewayErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('GatewayErrorFilter');

  constructor(private readonly metrics: MetricsRegistry) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const response = http.getResponse<Response>();
    request.correlationId ??= randomUUID();
    const error = toApiError(exception, this.logger);
    if (error.code === 'BUDGET_EXHAUSTED') this.metrics.budgetRefused(budgetOf(error.details));
    writeError(response, error, request.correlationId);
  }
}

/** The spent budget a BUDGET_EXHAUSTED names; a metric label from a closed set only. */
function budgetOf(details: unknown): string {
  const named = typeof details === 'object' && details !== null && 'budget' in details ? AbuseBudgetSchema.safeParse(details.budget) : undefined;
  return named?.success ? named.data : 'unknown';
}
