import { createHash } from 'node:crypto';
import { IntentPosition } from '../intent.repository.port';

/** The filters a cursor is bound to: those of the request whose page it continues. */
export interface CursorFilters {
  status?: string;
  agentPhone?: string;
  clientPhone?: string;
  from?: string;
  to?: string;
}

/**
 * A digest of the filters, in a fixed order. A position only means "the next page" within
 * the list it was read from: with other filters it would skip or repeat intents silently,
 * so the cursor carries the filters' digest and is refused with any others. Not a secret: a
 * forged cursor still names only a position, and the caller's scope is applied regardless.
 */
function fingerprint(filters: CursorFilters): string {
  const canonical = JSON.stringify([filters.status, filters.agentPhone, filters.clientPhone, filters.from, filters.to].map((value) => value ?? null));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(position: IntentPosition, filters: CursorFilters): string {
  return Buffer.from(`${position.createdAt}|${position.id}|${fingerprint(filters)}`).toString('base64url');
}

const CURSOR_CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CURSOR_ID = /^[A-Za-z0-9_-]{1,100}$/;
const CURSOR_FINGERPRINT = /^[A-Za-z0-9_-]{16}$/;

export type DecodedCursor = { position: IntentPosition } | { problem: string };

/** The position a cursor of encodeCursor's names, if it was given for these same filters. */
export function decodeCursor(cursor: string, filters: CursorFilters): DecodedCursor {
  const notOurs = { problem: 'is not a cursor of this list (pass nextCursor from the previous page as it is)' };
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return notOurs;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3) return notOurs;
  const [createdAt, id, digest] = parts;
  if (!CURSOR_CREATED_AT.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || !CURSOR_ID.test(id) || !CURSOR_FINGERPRINT.test(digest)) {
    return notOurs;
  }
  if (digest !== fingerprint(filters)) {
    return { problem: 'was given for other filters: send it with the status, agentPhone, clientPhone, from and to of the page it came with' };
  }
  return { position: { createdAt, id } };
}
