import { PROJECTIONS } from './projections';
import type { ReplayFrom } from './replay.command';

/** The usage error type is the caller's, so that this file does not import options.ts back. */
type Refuse = (message: string) => Error;

/** `replay <projection> --from-beginning | --since <time>`: exactly one start, a known projection. */
export function parseReplay(
  rest: readonly string[],
  values: { 'from-beginning'?: boolean; since?: string },
  refuse: Refuse,
): { projection: string; from: ReplayFrom } {
  const names = Object.keys(PROJECTIONS).join(', ');
  if (rest.length === 0) throw refuse(`replay needs a projection (${names})`);
  if (rest.length > 1) throw refuse(`replay takes one projection, got ${rest.length}`);
  const projection = rest[0];
  if (!Object.hasOwn(PROJECTIONS, projection)) throw refuse(`no projection named ${projection} (known: ${names})`);
  const fromBeginning = values['from-beginning'] === true;
  if (fromBeginning === (values.since !== undefined)) throw refuse('replay needs exactly one of --from-beginning and --since <time>');
  if (fromBeginning) return { projection, from: { kind: 'beginning' } };
  const time = new Date(values.since ?? '');
  // An ISO date or instant only: Date also reads "3" or "May 1", which an operator did not mean.
  if (!/^\d{4}-\d{2}-\d{2}/.test(values.since ?? '') || Number.isNaN(time.getTime())) {
    throw refuse(`--since is an ISO date or time (2026-11-27 or 2026-11-27T10:00:00Z), not ${values.since}`);
  }
  return { projection, from: { kind: 'since', time } };
}
