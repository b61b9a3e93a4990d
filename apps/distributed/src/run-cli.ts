/** What a command's body gets from runCli. */
export interface CliRun<O> {
  options: O;
  /** One line to stdout. */
  say(line: string): void;
  /** Runs on SIGINT/SIGTERM before the process exits 130: stops what the run started. */
  onCleanup(cleanup: () => Promise<void>): void;
}

/**
 * The prologue and epilogue the load CLIs (bench, fuzz, chaos) share, so their exit codes stay
 * alike: the options are parsed first and a bad one exits 2 with its message alone; SIGINT or
 * SIGTERM runs every registered cleanup (the servers and stacks a run starts outlive it
 * otherwise) and exits 130; the body's number is the exit code, and a throw exits 3 with
 * `<name> failed:` and the stack, because the run itself could not complete.
 */
export function runCli<O>(name: string, parse: (argv: string[]) => O, body: (run: CliRun<O>) => Promise<number>): void {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let options: O;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const cleanups: Array<() => Promise<void>> = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping`);
      void Promise.allSettled(cleanups.map((cleanup) => cleanup())).finally(() => process.exit(130));
    });
  }
  body({ options, say, onCleanup: (cleanup) => cleanups.push(cleanup) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(3);
    },
  );
}
