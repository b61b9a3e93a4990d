import { z } from 'zod';
import { MAX_REPORT_DAYS, UtcDaySchema, daysInRange } from '@cashout/shared-contracts';

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD, UTC days; `to` defaults to today, `from` to `to`. */
export const AgentReportQuerySchema = z.strictObject({
  from: UtcDaySchema.optional(),
  to: UtcDaySchema.optional(),
});

/** The range once defaulted: `from` not after `to`, at most MAX_REPORT_DAYS days. */
export const ReportRangeSchema = z.object({ from: UtcDaySchema, to: UtcDaySchema }).superRefine((range, context) => {
  const days = daysInRange(range.from, range.to);
  if (days < 1) context.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to (today when to is absent)' });
  else if (days > MAX_REPORT_DAYS)
    context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_REPORT_DAYS} days from from, both included` });
});
