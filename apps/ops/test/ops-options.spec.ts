import { parseOpsCommand, UsageError } from '../src/options';
import { runOps } from '../src/cli';

describe('parseOpsCommand', () => {
  it('parses each command with its options', () => {
    expect(parseOpsCommand(['timeline', 'intent-1'])).toEqual({ command: 'timeline', intentId: 'intent-1', json: false });
    expect(parseOpsCommand(['timeline', '--json', 'intent-1'])).toEqual({ command: 'timeline', intentId: 'intent-1', json: true });
    expect(parseOpsCommand(['lag'])).toEqual({ command: 'lag', group: undefined, json: false });
    expect(parseOpsCommand(['lag', '--group', 'ledger-wallets', '--json'])).toEqual({ command: 'lag', group: 'ledger-wallets', json: true });
    expect(parseOpsCommand(['reset-offsets', '--group', 'g', '--topic', 't', '--to', 'latest', '--dry-run'])).toEqual({
      command: 'reset-offsets',
      group: 'g',
      topic: 't',
      to: 'latest',
      dryRun: true,
      json: false,
    });
    expect(parseOpsCommand(['--help'])).toEqual({ command: 'help' });
    expect(parseOpsCommand(['lag', '-h'])).toEqual({ command: 'help' });
  });

  it('parses a replay from the beginning or since a time', () => {
    expect(parseOpsCommand(['replay', 'reporting', '--from-beginning'])).toEqual({
      command: 'replay',
      projection: 'reporting',
      from: { kind: 'beginning' },
      dryRun: false,
      json: false,
    });
    expect(parseOpsCommand(['replay', 'reporting', '--since', '2026-11-27T10:00:00Z', '--dry-run', '--json'])).toEqual({
      command: 'replay',
      projection: 'reporting',
      from: { kind: 'since', time: new Date('2026-11-27T10:00:00Z') },
      dryRun: true,
      json: true,
    });
  });

  it('parses the dlq actions, with repeatable filters', () => {
    expect(parseOpsCommand(['dlq', 'list'])).toEqual({ command: 'dlq', action: 'list', filters: [], json: false });
    expect(parseOpsCommand(['dlq', 'list', '--filter', 'group=reporting', '--filter', 'reason=newer than', '--json'])).toEqual({
      command: 'dlq',
      action: 'list',
      filters: [
        { field: 'group', value: 'reporting' },
        { field: 'reason', value: 'newer than' },
      ],
      json: true,
    });
    expect(parseOpsCommand(['dlq', 'show', '0:42', '--json'])).toEqual({ command: 'dlq', action: 'show', id: '0:42', json: true });
    expect(parseOpsCommand(['dlq', 'redrive', '--filter', 'type=IntentStateChanged', '--dry-run'])).toEqual({
      command: 'dlq',
      action: 'redrive',
      filters: [{ field: 'type', value: 'IntentStateChanged' }],
      dryRun: true,
      json: false,
    });
    expect(parseOpsCommand(['dlq', 'redrive'])).toMatchObject({ action: 'redrive', filters: [], dryRun: false });
  });

  it.each([
    [[], 'no command given'],
    [['rebuild'], 'unknown command rebuild'],
    [['replay'], 'replay needs a projection (reporting)'],
    [['replay', 'ledger', '--from-beginning'], 'no projection named ledger (known: reporting)'],
    [['replay', 'reporting'], 'replay needs exactly one of --from-beginning and --since <time>'],
    [['replay', 'reporting', '--from-beginning', '--since', '2026-11-27'], 'replay needs exactly one of --from-beginning and --since <time>'],
    [['replay', 'reporting', '--since', 'May 1'], '--since is an ISO date or time (2026-11-27 or 2026-11-27T10:00:00Z), not May 1'],
    [['replay', 'reporting', '--since', '2026-13-45'], '--since is an ISO date or time'],
    [['replay', 'reporting', '--from-beginning', '--group', 'g'], 'replay takes no --group'],
    [['timeline'], 'timeline needs an intent id'],
    [['timeline', 'a', 'b'], 'timeline takes one intent id, got 2'],
    [['timeline', 'a', '--group', 'g'], 'timeline takes no --group'],
    [['lag', 'g'], 'lag takes no argument (got g); filter with --group'],
    [['lag', '--group'], "Option '--group <value>' argument missing"],
    [['lag', '--verbose'], "Unknown option '--verbose'"],
    [['reset-offsets', '--topic', 't', '--to', 'earliest'], 'reset-offsets needs --group'],
    [['reset-offsets', '--group', 'g', '--to', 'earliest'], 'reset-offsets needs --topic'],
    [['reset-offsets', '--group', 'g', '--topic', 't'], 'reset-offsets needs --to'],
    [['reset-offsets', '--group', 'g', '--topic', 't', '--to', 'yesterday'], '--to is earliest or latest, not yesterday'],
    [['lag', '--filter', 'group=g'], 'lag takes no --filter'],
    [['dlq'], 'dlq needs an action: list, show or redrive'],
    [['dlq', 'purge'], 'unknown dlq action purge (list, show or redrive)'],
    [['dlq', 'list', 'x'], 'dlq list takes no argument (got x); select with --filter key=value'],
    [['dlq', 'list', '--dry-run'], 'dlq list takes no --dry-run'],
    [['dlq', 'list', '--group', 'g'], 'dlq takes no --group'],
    [['dlq', 'list', '--filter', 'partition=1'], '--filter key partition is not one of group, topic, type, reason, intent'],
    [['dlq', 'list', '--filter', 'group'], '--filter takes key=value'],
    [['dlq', 'list', '--filter'], "Option '--filter <value>' argument missing"],
    [['dlq', 'show'], 'dlq show takes one dead-letter id (partition:offset), got 0'],
    [['dlq', 'show', '0:1', '0:2'], 'dlq show takes one dead-letter id (partition:offset), got 2'],
    [['dlq', 'show', '42'], 'a dead-letter id is partition:offset (as dlq list shows it), not 42'],
    [['dlq', 'show', '0:1', '--filter', 'group=g'], 'dlq show takes no --filter'],
    [['dlq', 'redrive', '0:1'], 'dlq redrive takes no argument (got 0:1); select with --filter key=value'],
  ])('refuses %j: %s', (argv, problem) => {
    expect(() => parseOpsCommand(argv)).toThrow(UsageError);
    expect(() => parseOpsCommand(argv)).toThrow(problem);
  });
});

describe('runOps', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (text: string) => out.push(text), err: { isTTY: false, write: (text: string) => err.push(text) }, env: {} } };
  };

  it('exits 2 with the problem and the usage on a bad command line, nothing on stdout', async () => {
    const run = io();
    expect(await runOps(['lag', '--to', 'x'], run.io)).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err.join('')).toMatch(/^lag takes no --to\n\nnpm run ops -- <command>/);
  });

  it('prints the usage on stdout for --help and exits 0', async () => {
    const run = io();
    expect(await runOps(['--help'], run.io)).toBe(0);
    expect(run.out.join('')).toContain('reset-offsets --group <g> --topic <t> --to earliest|latest [--dry-run]');
    expect(run.out.join('')).toContain('dlq redrive [--filter <key>=<value>]... [--dry-run]');
  });

  it('exits 2 on a bad dlq command line, before touching Kafka', async () => {
    const run = io();
    expect(await runOps(['dlq', 'show', 'nope'], run.io)).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err.join('')).toMatch(/^a dead-letter id is partition:offset \(as dlq list shows it\), not nope\n\nnpm run ops -- <command>/);
  });
});
