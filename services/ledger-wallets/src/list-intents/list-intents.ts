import { ErrorBody, MAX_REPORT_DAYS, PayloadOf, ReplyBody, daysInRange } from '@cashout/shared-contracts';
import { toView } from '../domain/intent';
import { IntentFilters, IntentRepository } from '../intent.repository.port';
import { decodeCursor, encodeCursor } from './intent-list.cursor';

type ListIntentsAnswer = Extract<ReplyBody, { kind: 'intent-page' | 'error' }>;

const invalid = (field: string, message: string): ListIntentsAnswer => ({
  kind: 'error',
  error: { code: 'VALIDATION_FAILED', message: 'the request is invalid', details: [{ field, message }] } satisfies ErrorBody,
});

/** The first instant of the UTC day after `day`: `to` includes its whole day. */
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/**
 * A page of intents, newest first: an AGENT sees its own only (another agent's phone as a
 * filter then matches nothing), ADMIN and OPERATOR every intent, clients none. The filters
 * combine; the cursor carries them (see intent-list.cursor), so a cursor sent with other
 * filters is refused rather than paging a different list from a position of this one.
 */
export async function listIntents(intents: IntentRepository, payload: PayloadOf<'ListIntents'>): Promise<ListIntentsAnswer> {
  const { actor, status, agentPhone, clientPhone, from, to, limit, cursor } = payload;
  if (actor.role === 'CLIENT') return { kind: 'error', error: { code: 'FORBIDDEN', message: 'clients cannot list intents' } };
  // The gateway checks the range too; this is the answer to any other producer.
  if (from !== undefined && to !== undefined) {
    const days = daysInRange(from, to);
    if (days < 1) return invalid('from', 'must not be after to');
    if (days > MAX_REPORT_DAYS) return invalid('to', `must be at most ${MAX_REPORT_DAYS} days from from, both included`);
  }
  const bound = { status, agentPhone, clientPhone, from, to };
  const decoded = cursor === undefined ? undefined : decodeCursor(cursor, bound);
  if (decoded && 'problem' in decoded) return invalid('cursor', decoded.problem);
  const filters: IntentFilters = {
    initiatorUserId: actor.role === 'AGENT' ? actor.userId : undefined,
    status,
    agentPhone,
    clientPhone,
    createdFrom: from === undefined ? undefined : `${from}T00:00:00.000Z`,
    createdBefore: to === undefined ? undefined : dayAfter(to),
  };
  const page = await intents.list({ ...filters, limit, after: decoded?.position });
  return { kind: 'intent-page', items: page.items.map(toView), nextCursor: page.next ? encodeCursor(page.next, bound) : null };
}
