import { z } from 'zod';

/** One envelope for every message on the bus. */
export const EnvelopeSchema = z.object({
  messageId: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  aggregateId: z.string().min(1),
  producer: z.string().min(1),
  payload: z.unknown(),
});

export interface Envelope<TType extends string = string, TPayload = unknown> {
  messageId: string;
  type: TType;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  aggregateId: string;
  producer: string;
  payload: TPayload;
}
