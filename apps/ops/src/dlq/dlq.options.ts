import { DlqFilter, parseDeadLetterId, parseFilter } from './dead-letter';

export type DlqCommand =
  | { command: 'dlq'; action: 'list'; filters: DlqFilter[]; json: boolean }
  | { command: 'dlq'; action: 'show'; id: string; json: boolean }
  | { command: 'dlq'; action: 'redrive'; filters: DlqFilter[]; dryRun: boolean; json: boolean };

export const DLQ_USAGE = `  dlq list [--filter <key>=<value>]...
                          the dead letters: id (partition:offset), when, source topic[partition]@offset,
                          group, attempts, type, intent, reason, whether re-driven
  dlq show <id>           one dead letter whole: headers, key, value (secrets redacted), re-drive status
  dlq redrive [--filter <key>=<value>]... [--dry-run]
                          republishes each matching dead letter not yet re-driven to its original
                          topic, once (a Kafka transaction with its marker)
                          filters (all must match): group=, topic=, type=, intent=, reason= (substring)`;

/** The flags of the command line as options.ts parsed them (only those dlq looks at). */
export interface DlqFlags {
  json?: boolean;
  filter?: string[];
  'dry-run'?: boolean;
}

/**
 * `dlq <action> …` from what follows `dlq` and the parsed flags; a problem is thrown as
 * `usage(message)` (options.ts' UsageError), so bad usage exits 2 like every command.
 * Flags a dlq action does not take at all are refused by options.ts before this is called.
 */
export function parseDlqCommand(rest: readonly string[], flags: DlqFlags, usage: (message: string) => Error): DlqCommand {
  const [action, ...args] = rest;
  const json = flags.json === true;
  const filters = (flags.filter ?? []).map((spec) => {
    const filter = parseFilter(spec);
    if (typeof filter === 'string') throw usage(filter);
    return filter;
  });
  switch (action) {
    case 'list':
    case 'redrive': {
      if (args.length > 0) throw usage(`dlq ${action} takes no argument (got ${args[0]}); select with --filter key=value`);
      if (action === 'list') {
        if (flags['dry-run'] !== undefined) throw usage('dlq list takes no --dry-run');
        return { command: 'dlq', action, filters, json };
      }
      return { command: 'dlq', action, filters, dryRun: flags['dry-run'] === true, json };
    }
    case 'show': {
      if (flags.filter !== undefined) throw usage('dlq show takes no --filter');
      if (flags['dry-run'] !== undefined) throw usage('dlq show takes no --dry-run');
      if (args.length !== 1) throw usage(`dlq show takes one dead-letter id (partition:offset), got ${args.length}`);
      const id = parseDeadLetterId(args[0]);
      if (id === null) throw usage(`a dead-letter id is partition:offset (as dlq list shows it), not ${args[0]}`);
      return { command: 'dlq', action, id: `${id.partition}:${id.offset}`, json };
    }
    case undefined:
      throw usage('dlq needs an action: list, show or redrive');
    default:
      throw usage(`unknown dlq action ${action} (list, show or redrive)`);
  }
}
