import { z } from 'zod';
import { ActorSchema, CurrencySchema, INTENT_STATUSES, IntentStatus, PhoneSchema } from '../primitives';
import { TOPICS } from '../topics';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC calendar day, YYYY-MM-DD (the refinement only speaks when the pattern holds: one problem per field). */
export const UtcDaySchema = z
  .string()
  .regex(DAY_PATTERN, 'must be a date such as 2026-11-27')
  .refine((day) => {
    if (!DAY_PATTERN.test(day)) return true;
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'must be a real calendar date');

/** The widest range one report covers, in days, both ends included. */
export const MAX_REPORT_DAYS = 92;

/** Days from one UTC day to another, both included (0 or less when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** How many intents are in each status (only the statuses seen are present). */
export const StatusCountsSchema = z.partialRecord(z.enum(INTENT_STATUSES), z.number().int().nonnegative());
export type StatusCounts = Partial<Record<IntentStatus, number>>;

/** Time spent in a state: the stays that ended (the intent moved on), their number and their sum. */
export const StateTimeSchema = z.object({ count: z.number().int().nonnegative(), totalMs: z.number().int().nonnegative() });
export type StateTime = z.infer<typeof StateTimeSchema>;

/** Money is integer minor units; volume, fees and commission count SUCCEEDED intents only. */
export const ReportFiguresSchema = z.object({
  currency: CurrencySchema,
  intents: z.number().int().nonnegative(),
  byStatus: StatusCountsSchema,
  volume: z.number().int().nonnegative(),
  fees: z.number().int().nonnegative(),
  commission: z.number().int().nonnegative(),
  timeInState: z.partialRecord(z.enum(INTENT_STATUSES), StateTimeSchema),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

/**
 * One agent's intents by the UTC day they were created, one row per day and currency (days
 * without intents are left out), and the totals of the range per currency.
 */
export const AgentDailyReportSchema = z.object({
  agentPhone: PhoneSchema,
  from: UtcDaySchema,
  to: UtcDaySchema,
  days: z.array(ReportFiguresSchema.extend({ day: UtcDaySchema })),
  totals: z.array(ReportFiguresSchema),
});
export type AgentDailyReport = z.infer<typeof AgentDailyReportSchema>;

/** Queries of the reporting read model, from the gateway; answered with a GatewayReply. */
export const reportingMessages = {
  GetAgentDailyReport: {
    topic: TOPICS.reportingQueries,
    version: 1,
    schema: z.object({ actor: ActorSchema, agentPhone: PhoneSchema, from: UtcDaySchema, to: UtcDaySchema }),
  },
} as const;
