import { table } from '../table';
import { DeadLetter, parseValue } from './dead-letter';
import type { DeadLetters, RedriveResult } from './dlq.command';
import { redact, redactHeaders } from './redact';

/** What `dlq list --json` gives of a dead letter: no key, value or headers (see `show`). */
export interface DeadLetterSummary {
  id: string;
  deadLetteredAt: string;
  source: DeadLetter['source'];
  group: string | null;
  attempts: number | null;
  type: string | null;
  aggregateId: string | null;
  intentId: string | null;
  reason: string | null;
  redriven: DeadLetter['redriven'];
}

export const summaryOf = (letter: DeadLetter): DeadLetterSummary => ({
  id: letter.id,
  deadLetteredAt: letter.deadLetteredAt,
  source: letter.source,
  group: letter.group,
  attempts: letter.attempts,
  type: letter.type,
  aggregateId: letter.aggregateId,
  intentId: letter.intentId,
  reason: letter.reason,
  redriven: letter.redriven,
});

/** `text` cut to `width` characters, the cut marked with an ellipsis. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Where the message was consumed from: `topic[partition]@offset`, `?` for a missing header. */
export const sourceOf = (letter: DeadLetter): string => `${letter.source.topic ?? '?'}[${letter.source.partition ?? '?'}]@${letter.source.offset ?? '?'}`;

/** The intent a dead letter concerns: the payload's intentId, else the envelope's aggregate. */
const subjectOf = (letter: DeadLetter): string => letter.intentId ?? letter.aggregateId ?? '-';

export const REASON_WIDTH = 60;

export function formatList(result: DeadLetters, letters: readonly DeadLetter[]): string[] {
  if (!result.exists) return [`no topic ${result.topic} on this cluster: nothing was ever dead-lettered`];
  const redriven = letters.filter((letter) => letter.redriven !== null).length;
  const head = `${letters.length} dead letter(s) on ${result.topic}${letters.length === result.letters.length ? '' : ` matching (of ${result.letters.length})`}, ${redriven} re-driven`;
  if (letters.length === 0) return [head];
  return [
    head,
    ...table(
      ['id', 'dead-lettered', 'source', 'group', 'attempts', 'type', 'intent/aggregate', 'reason', 're-driven'],
      letters.map((letter) => [
        letter.id,
        letter.deadLetteredAt,
        sourceOf(letter),
        letter.group ?? '-',
        letter.attempts ?? '-',
        letter.type ?? '-',
        subjectOf(letter),
        truncate((letter.reason ?? '-').replace(/\s+/g, ' '), REASON_WIDTH),
        letter.redriven === null ? 'no' : letter.redriven.redrivenAt,
      ]),
    ),
  ];
}

/** Everything about one dead letter, secrets redacted: what `dlq show --json` prints. */
export interface DeadLetterDetail extends DeadLetterSummary {
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
  key: string | null;
  /** The value as JSON (redacted), or the raw text when it is not JSON. */
  value: unknown;
  valueIsJson: boolean;
}

export function detailOf(topic: string, letter: DeadLetter): DeadLetterDetail {
  const json = parseValue(letter.value);
  const valueIsJson = json !== undefined;
  return {
    topic,
    partition: letter.partition,
    offset: letter.offset,
    ...summaryOf(letter),
    headers: redactHeaders(letter.headers),
    key: letter.key,
    value: valueIsJson ? redact(json) : letter.value,
    valueIsJson,
  };
}

export function formatShow(detail: DeadLetterDetail): string[] {
  const headerNames = Object.keys(detail.headers).sort((a, b) => Number(b.startsWith('x-dlt-')) - Number(a.startsWith('x-dlt-')) || a.localeCompare(b));
  const value = detail.valueIsJson ? JSON.stringify(detail.value, null, 2) : String(detail.value ?? '(null)');
  return [
    `dead letter ${detail.id} on ${detail.topic}, dead-lettered ${detail.deadLetteredAt}`,
    `  source     ${detail.source.topic ?? '?'}[${detail.source.partition ?? '?'}]@${detail.source.offset ?? '?'}`,
    `  group      ${detail.group ?? '-'}, ${detail.attempts ?? '?'} attempt(s)`,
    `  type       ${detail.type ?? '-'}${detail.aggregateId === null ? '' : `, aggregate ${detail.aggregateId}`}${detail.intentId === null ? '' : `, intent ${detail.intentId}`}`,
    `  reason     ${detail.reason ?? '-'}`,
    `  re-driven  ${detail.redriven === null ? 'no' : `${detail.redriven.redrivenAt} to ${detail.redriven.topic}`}`,
    'headers',
    ...(headerNames.length === 0 ? ['  (none)'] : headerNames.map((name) => `  ${name}: ${detail.headers[name]}`)),
    `key ${detail.key ?? '(null)'}`,
    `value${detail.valueIsJson ? '' : ' (not JSON)'}`,
    ...value.split('\n').map((line) => `  ${line}`),
  ];
}

export interface RedriveReport {
  topic: string;
  dryRun: boolean;
  redriven: number;
  skippedAlreadyRedriven: number;
  unroutable: number;
  letters: Array<DeadLetterSummary & { to: string | null }>;
}

export const redriveReportOf = (result: RedriveResult): RedriveReport => ({
  topic: result.topic,
  dryRun: result.dryRun,
  redriven: result.redriven.length,
  skippedAlreadyRedriven: result.alreadyRedriven.length,
  unroutable: result.unroutable.length,
  letters: result.redriven.map((letter) => ({ ...summaryOf(letter), to: letter.source.topic })),
});

export function formatRedrive(report: RedriveReport): string[] {
  const verb = report.dryRun ? 'would re-drive' : 're-drove';
  const lines = [
    `${verb} ${report.redriven} dead letter(s) from ${report.topic}; skipped ${report.skippedAlreadyRedriven} already re-driven` +
      `${report.unroutable > 0 ? `, ${report.unroutable} with no topic to go back to (no x-dlt-topic, or the topic is gone)` : ''}${report.dryRun ? ' (dry run, nothing changed)' : ''}`,
  ];
  if (report.letters.length === 0) return lines;
  return [
    ...lines,
    ...table(
      ['id', 'to', 'type', 'intent/aggregate', 'group', 'reason'],
      report.letters.map((letter) => [
        letter.id,
        letter.to ?? '-',
        letter.type ?? '-',
        letter.intentId ?? letter.aggregateId ?? '-',
        letter.group ?? '-',
        truncate((letter.reason ?? '-').replace(/\s+/g, ' '), REASON_WIDTH),
      ]),
      '  ',
    ),
  ];
}
