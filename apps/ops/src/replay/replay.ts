import { table } from '../table';
import type { ReplayResult } from './replay.command';

const SAMPLE = 5;

/** The replay's outcome for a terminal: what was read, what changes, what was installed. */
export function formatReplay(result: ReplayResult): string[] {
  const { events, diff } = result;
  const lines = [
    `replay ${result.projection} from ${result.from === 'beginning' ? 'the beginning' : result.from} of ${result.topic} (group ${result.groupId})${result.dryRun ? ' — dry run, nothing changed' : ''}`,
    `  events: ${events.read} read, ${events.applied} applied, ${events.skipped} skipped (repeated or older views), ${events.ignored} of other types, ${events.invalid} unreadable`,
    ...result.invalidReasons.map((reason) => `    unreadable ${reason}`),
    `  model: ${diff.served} intents served, ${diff.rebuilt} rebuilt: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
    ...diff.added.slice(0, SAMPLE).map((intentId) => `    + ${intentId}`),
    ...diff.removed.slice(0, SAMPLE).map((intentId) => `    - ${intentId}`),
    ...diff.changed.slice(0, SAMPLE).map(({ intentId, fields }) => `    ~ ${intentId}: ${fields.join(', ')}`),
  ];
  const more =
    diff.added.length +
    diff.removed.length +
    diff.changed.length -
    Math.min(SAMPLE, diff.added.length) -
    Math.min(SAMPLE, diff.removed.length) -
    Math.min(SAMPLE, diff.changed.length);
  if (more > 0) lines.push(`    … and ${more} more (--json lists them all)`);
  lines.push(
    ...table(
      ['partition', 'from', 'to'],
      result.partitions.map(({ partition, from, to }) => [partition, from, to]),
      '  ',
    ),
  );
  if (result.installed) {
    const { copy, previous, dropped } = result.installed;
    lines.push(
      `  serving ${copy} (previous copy ${previous} kept${dropped.length > 0 ? `; dropped ${dropped.join(', ')}` : ''}); group ${result.groupId} resumes at each partition's "to"`,
    );
  }
  return lines;
}
