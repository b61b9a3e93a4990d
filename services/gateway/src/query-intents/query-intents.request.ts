import { z } from 'zod';
import { IntentStatusSchema, IntentViewSchema, MAX_REPORT_DAYS, PhoneSchema, UtcDaySchema, daysInRange } from '@cashout/shared-contracts';

export const DEFAULT_PAGE_SIZE = 20;

/** The widest creation-day range one list takes, both days included: the reports' own. */
export const MAX_LIST_DAYS = MAX_REPORT_DAYS;

/** Query strings arrive as text: a limit is digits only, never coerced from "" or "1e2". */
const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/, 'must be an integer from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'));

/**
 * ?status=&agentPhone=&clientPhone=&from=&to=&limit=&cursor=, every one optional, the
 * filters combined. `from` and `to` are UTC days on the creation time, both included; either
 * alone leaves the other side open. A cursor continues the list it came from: the ledger
 * refuses it (naming `cursor`) with other filters than the ones it was given with.
 */
export const ListIntentsQuerySchema = z
  .strictObject({
    status: IntentStatusSchema.optional(),
    agentPhone: PhoneSchema.optional(),
    clientPhone: PhoneSchema.optional(),
    from: UtcDaySchema.optional(),
    to: UtcDaySchema.optional(),
    limit: LimitSchema.optional(),
    cursor: z.string().min(1).max(512).optional(),
  })
  .superRefine((query, context) => {
    if (query.from === undefined || query.to === undefined) return;
    const days = daysInRange(query.from, query.to);
    if (days < 1) context.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (days > MAX_LIST_DAYS)
      context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_LIST_DAYS} days from from, both included` });
  });
export type ListIntentsQuery = z.infer<typeof ListIntentsQuerySchema>;

export const IntentPageSchema = z.object({ items: z.array(IntentViewSchema), nextCursor: z.string().nullable() });
export type IntentPage = z.infer<typeof IntentPageSchema>;
