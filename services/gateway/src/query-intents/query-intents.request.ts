import { z } from 'zod';
import { IntentStatusSchema, IntentViewSchema } from '@cashout/shared-contracts';

export const DEFAULT_PAGE_SIZE = 20;

/** Query strings arrive as text: a limit is digits only, never coerced from "" or "1e2". */
const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/, 'must be an integer from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'));

export const ListIntentsQuerySchema = z.strictObject({
  status: IntentStatusSchema.optional(),
  limit: LimitSchema.optional(),
  cursor: z.string().min(1).max(512).optional(),
});

export const IntentPageSchema = z.object({ items: z.array(IntentViewSchema), nextCursor: z.string().nullable() });
export type IntentPage = z.infer<typeof IntentPageSchema>;
