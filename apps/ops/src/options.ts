import { parseArgs } from 'node:util';
import type { ReplayFrom } from './replay/replay.command';
import { parseReplay } from './replay/replay.options';
import { DLQ_USAGE, DlqCommand, parseDlqCommand } from './dlq/dlq.options';

/** A command line that names no valid command or breaks one's rules: exit code 2. */
export class UsageError extends Error {}

export type OffsetTarget = 'earliest' | 'latest';

export type OpsCommand =
  | { command: 'help' }
  | { command: 'timeline'; intentId: string; json: boolean }
  | { command: 'lag'; group?: string; json: boolean }
  | { command: 'replay'; projection: string; from: ReplayFrom; dryRun: boolean; json: boolean }
  | { command: 'reset-offsets'; group: string; topic: string; to: OffsetTarget; dryRun: boolean; json: boolean }
  | DlqCommand;

export const USAGE = `npm run ops -- <command> [options]

commands:
  timeline <intentId>     every message of the intent on every topic of the catalogue, in order,
                          with the intent's status after each IntentStateChanged
  replay <projection> --from-beginning | --since <time> [--dry-run]
                          rebuilds a read model (reporting) from its event topic into a fresh
                          copy, then serves it; refused while its service consumes. MONGO_URL,
                          BUS_GROUP_PREFIX as the services have them
  lag [--group <g>]       per consumer group, topic and partition: committed offset, end offset, lag
  reset-offsets --group <g> --topic <t> --to earliest|latest [--dry-run]
                          moves a group's committed offsets; refused while the group has members
${DLQ_USAGE}

options:
  --json                  the result as JSON on stdout (progress, if any, goes to stderr)
  -h, --help              this text

Kafka: KAFKA_BROKERS (comma-separated), else the servers of \`npm run infra:up\`.
exit codes: 0 ok, 1 failure or refusal, 2 bad usage`;

const OPTIONS = {
  json: { type: 'boolean' },
  group: { type: 'string' },
  topic: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'from-beginning': { type: 'boolean' },
  since: { type: 'string' },
  filter: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
type Flag = keyof typeof OPTIONS;

/** Refuses the options a command does not take, so a misplaced flag is never silently ignored. */
function onlyFlags(command: string, values: Parsed['values'], allowed: readonly Flag[]): void {
  const extra = (Object.keys(values) as Flag[]).filter((flag) => values[flag] !== undefined && flag !== 'help' && !allowed.includes(flag));
  if (extra.length > 0) throw new UsageError(`${command} takes no --${extra[0]}`);
}

function required(command: string, name: 'group' | 'topic' | 'to', value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${command} needs --${name}`);
  return value;
}

/** Parses the command line (without node and the script), naming the first problem in a UsageError. */
export function parseOpsCommand(argv: readonly string[]): OpsCommand {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (command === undefined) throw new UsageError('no command given');
  const json = values.json === true;
  switch (command) {
    case 'timeline': {
      onlyFlags(command, values, ['json']);
      if (rest.length === 0 || rest[0].trim() === '') throw new UsageError('timeline needs an intent id');
      if (rest.length > 1) throw new UsageError(`timeline takes one intent id, got ${rest.length}`);
      return { command, intentId: rest[0].trim(), json };
    }
    case 'lag': {
      onlyFlags(command, values, ['json', 'group']);
      if (rest.length > 0) throw new UsageError(`lag takes no argument (got ${rest[0]}); filter with --group`);
      if (values.group !== undefined && values.group.trim() === '') throw new UsageError('--group needs a name');
      return { command, group: values.group, json };
    }
    case 'replay': {
      onlyFlags(command, values, ['json', 'from-beginning', 'since', 'dry-run']);
      const { projection, from } = parseReplay(rest, values, (message) => new UsageError(message));
      return { command, projection, from, dryRun: values['dry-run'] === true, json };
    }
    case 'reset-offsets': {
      onlyFlags(command, values, ['json', 'group', 'topic', 'to', 'dry-run']);
      if (rest.length > 0) throw new UsageError(`reset-offsets takes no argument (got ${rest[0]})`);
      const group = required(command, 'group', values.group);
      const topic = required(command, 'topic', values.topic);
      const to = required(command, 'to', values.to);
      if (to !== 'earliest' && to !== 'latest') throw new UsageError(`--to is earliest or latest, not ${to}`);
      return { command, group, topic, to, dryRun: values['dry-run'] === true, json };
    }
    case 'dlq': {
      onlyFlags(command, values, ['json', 'filter', 'dry-run']);
      return parseDlqCommand(rest, values, (message) => new UsageError(message));
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}
