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

  it.each([
    [[], 'no command given'],
    [['replay'], 'unknown command replay'],
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
  });
});
