import { readFileSync } from 'node:fs';
import { RunningStack, ServiceProcessHandle } from '@cashout/distributed';

/** A service process that died without being killed by the suite: a finding, not a crash of the run. */
export interface UnexpectedExit {
  process: string;
  /** Milliseconds since the load started. */
  at: number;
  exit: string;
  /** The last lines of its log: usually the reason. */
  logTail: string;
  restarted: boolean;
}

const tailOf = (file: string): string => {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-12).join('\n');
  } catch {
    return '';
  }
};

const RESTART_SPACING_MS = 3_000;

/**
 * Watches every service process: one that exits while the suite did not kill it (an
 * unhandled rejection, a crash on a lost connection) is logged, counted and started again,
 * so the run carries on and the report names it.
 */
export class ProcessWatchdog {
  readonly exits: UnexpectedExit[] = [];
  private readonly held = new Set<string>();
  /** When each instance may be restarted again: one that dies at start (its server is down) is not spun. */
  private readonly notBefore = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly stack: RunningStack,
    private readonly startedAt: number,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), 500);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The suite itself kills and restarts this instance: leave it alone until released. */
  hold(name: string, instance: number): void {
    this.held.add(`${name}#${instance}`);
  }

  release(name: string, instance: number): void {
    this.held.delete(`${name}#${instance}`);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const dead = this.stack.processes.filter(
        (handle: ServiceProcessHandle) =>
          !this.held.has(`${handle.name}#${handle.instance}`) && (handle.child.exitCode !== null || handle.child.signalCode !== null),
      );
      for (const handle of dead) {
        const key = `${handle.name}#${handle.instance}`;
        if ((this.notBefore.get(key) ?? 0) > Date.now()) continue;
        this.notBefore.set(key, Date.now() + RESTART_SPACING_MS);
        const exit = handle.child.signalCode ? `signal ${handle.child.signalCode}` : `exit code ${handle.child.exitCode}`;
        const finding: UnexpectedExit = {
          process: `${handle.name}#${handle.instance}`,
          at: Date.now() - this.startedAt,
          exit,
          logTail: tailOf(handle.logFile),
          restarted: false,
        };
        this.log(`!! ${finding.process} died on its own (${exit}); restarting it. Last log lines:\n${finding.logTail.replace(/^/gm, '   | ')}`);
        try {
          await this.stack.restart(handle.name, handle.instance);
          finding.restarted = true;
        } catch (error) {
          this.log(`!! could not restart ${finding.process}: ${error instanceof Error ? error.message : String(error)}`);
        }
        this.exits.push(finding);
      }
    } finally {
      this.checking = false;
    }
  }
}
