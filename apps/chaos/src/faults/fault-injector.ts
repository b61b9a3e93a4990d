import { IsolatedStack, killLocalServer, startLocalServer, whenReady, whenRunning } from '@cashout/distributed';
import { PlannedFault, isServiceFault, ServerFault, ServiceFault } from '../domain/fault-schedule';
import { GatewayClient } from '../http/gateway-client';
import { ProcessWatchdog } from './process-watchdog';
import { FlowingResult, RecoveryProbe, ServiceGroup } from './recovery-probe';

export interface FaultOutcome {
  index: number;
  kind: PlannedFault['kind'];
  target: string;
  /** Epoch ms of the kill. */
  killedAt: number;
  downtimeMs: number;
  /** From the kill until the component answers again (process running, gateway ready, server healthy). */
  backMs?: number;
  /** From the kill until its partitions flow again (and, for a gateway or a server, requests go through end to end). */
  flowingMs?: number;
  /** From the kill until its consumer groups were Stable with all their members again. */
  groupsStableMs?: number;
  /** The partitions that were the last to move again, with their lag then. */
  lastToFlow?: string[];
  error?: string;
}

export interface InjectorDeps {
  stack: IsolatedStack;
  /** The infra scripts' environment: INFRA_HOME and the ports of the servers to kill. */
  infraEnv: Record<string, string | undefined>;
  probe: RecoveryProbe;
  serviceGroups: ServiceGroup[];
  watchdog: ProcessWatchdog;
  client: GatewayClient;
  adminToken: () => Promise<string>;
  instances: number;
  recoveryTimeoutMs: number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Kills one component as a crash does (SIGKILL), starts it again, and measures its way back. */
export class FaultInjector {
  readonly outcomes: FaultOutcome[] = [];
  redisRestarted = false;

  constructor(private readonly deps: InjectorDeps) {}

  async inject(fault: PlannedFault): Promise<FaultOutcome> {
    const outcome = isServiceFault(fault.kind)
      ? await this.killService(fault, fault.kind, fault.instance ?? 0)
      : await this.killServer(fault, fault.kind as ServerFault);
    this.outcomes.push(outcome);
    const figure = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
    this.deps.log(
      `fault ${fault.index + 1}: ${outcome.target} killed; back after ${figure(outcome.backMs)}, flowing after ${figure(outcome.flowingMs)}` +
        (outcome.error ? ` (${outcome.error})` : ''),
    );
    return outcome;
  }

  private async killService(fault: PlannedFault, name: ServiceFault, instance: number): Promise<FaultOutcome> {
    const { stack, watchdog } = this.deps;
    const target = `${name}#${instance}`;
    const handle = stack.processes.find((candidate) => candidate.name === name && candidate.instance === instance);
    if (!handle) throw new Error(`no ${target} in the stack`);
    watchdog.hold(name, instance);
    const killedAt = Date.now();
    const outcome: FaultOutcome = { index: fault.index, kind: fault.kind, target, killedAt, downtimeMs: fault.downtimeMs };
    try {
      if (handle.child.exitCode === null && handle.child.signalCode === null) {
        const exited = new Promise((done) => handle.child.once('exit', done));
        handle.child.kill('SIGKILL');
        await exited;
      }
      await sleep(fault.downtimeMs);
      const fresh = await stack.restart(name, instance);
      if (name === 'gateway') {
        const url = stack.gatewayUrls[instance];
        await whenReady(url, this.deps.recoveryTimeoutMs);
        outcome.backMs = Date.now() - killedAt;
        const through = await this.whenRequestsPass([instance], this.deps.recoveryTimeoutMs);
        if (through !== undefined) outcome.flowingMs = through - killedAt;
      } else {
        await whenRunning(fresh, this.deps.recoveryTimeoutMs);
        outcome.backMs = Date.now() - killedAt;
        const groups = this.deps.serviceGroups.filter((group) => group.service === name);
        const flowing = await this.deps.probe.whenFlowing(
          { groups, members: this.deps.instances, mustInclude: `${name}-${instance}` },
          this.deps.recoveryTimeoutMs,
        );
        this.note(outcome, flowing);
        if (flowing.at !== undefined) outcome.flowingMs = flowing.at - killedAt;
      }
    } catch (error) {
      outcome.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    } finally {
      watchdog.release(name, instance);
    }
    if (outcome.flowingMs === undefined && !outcome.error) outcome.error = `not flowing within ${this.deps.recoveryTimeoutMs / 1000} s`;
    return outcome;
  }

  private async killServer(fault: PlannedFault, server: ServerFault): Promise<FaultOutcome> {
    const killedAt = Date.now();
    const outcome: FaultOutcome = { index: fault.index, kind: fault.kind, target: server, killedAt, downtimeMs: fault.downtimeMs };
    try {
      await killLocalServer(server, this.deps.infraEnv);
      if (server === 'redis') this.redisRestarted = true;
      await sleep(fault.downtimeMs);
      await startLocalServer(server, this.deps.infraEnv);
      outcome.backMs = Date.now() - killedAt;
      const timeout = this.deps.recoveryTimeoutMs;
      const [flowing, through] = await Promise.all([
        this.deps.probe.whenFlowing({ groups: this.deps.serviceGroups, members: this.deps.instances }, timeout),
        this.whenRequestsPass(
          this.deps.stack.gatewayUrls.map((_, index) => index),
          timeout,
        ),
      ]);
      this.note(outcome, flowing);
      if (flowing.at !== undefined && through !== undefined) outcome.flowingMs = Math.max(flowing.at, through) - killedAt;
      else outcome.error = `not flowing within ${timeout / 1000} s (${flowing.at === undefined ? 'consumer groups' : 'requests'})`;
    } catch (error) {
      outcome.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    return outcome;
  }

  private note(outcome: FaultOutcome, flowing: FlowingResult): void {
    if (flowing.stableAt !== undefined) outcome.groupsStableMs = flowing.stableAt - outcome.killedAt;
    if (flowing.lastWaiting.length > 0) outcome.lastToFlow = flowing.lastWaiting.slice(0, 6);
  }

  /** When a read that crosses the bus (gateway, ledger, replies) answers 200 on each of these gateways. */
  private async whenRequestsPass(gateways: number[], timeoutMs: number): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(gateways);
    while (Date.now() < deadline) {
      for (const gateway of [...pending]) {
        try {
          const token = await this.deps.adminToken();
          const response = await this.deps.client.send('GET', '/intents?limit=1', { token, gateway });
          if (response.status === 200) pending.delete(gateway);
        } catch {
          // not yet
        }
      }
      if (pending.size === 0) return Date.now();
      await sleep(250);
    }
    return undefined;
  }
}
