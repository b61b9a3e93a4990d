import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics every service registers the same way: one prom-client registry per process,
 * served with the process's default metrics on METRICS_PORT (`/metrics`). A metric is
 * created on first use and found again afterwards, so that the embedded process (every
 * service in one) and tests that start a module twice never register a name twice.
 * Labels are closed sets only (message types, consumer groups, topics, phases): never ids.
 */
export const platformRegistry = new Registry();

function metric<M>(name: string, create: () => M): M {
  return (platformRegistry.getSingleMetric(name) as M | undefined) ?? create();
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return metric(name, () => new Counter({ name, help, labelNames, registers: [platformRegistry] }));
}

/** `collect`, when given, runs (and is awaited) at each read of the gauge (a scrape): for figures computed on demand. */
export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect?: (this: Gauge<L>) => void | Promise<void>): Gauge<L> {
  return metric(name, () => new Gauge({ name, help, labelNames, registers: [platformRegistry], ...(collect ? { collect } : {}) }));
}

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
  return metric(name, () => new Histogram({ name, help, labelNames, buckets, registers: [platformRegistry] }));
}

/** Latency buckets for work done in process: from a tenth of a millisecond to ten seconds. */
export const FAST_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** What became of a delivery: handled, failed (retried or dead-lettered after), or invalid. */
export type HandlingOutcome = 'ok' | 'failed' | 'invalid';

/** Why a message went to the dead-letter topic: a closed set (the full reason is in its headers). */
export type DeadLetterReason = 'invalid' | 'not_json' | 'retries_exhausted';

const INSTANCE_SUFFIX = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A consumer group as a label: a per-instance group (`gateway-<uuid>`) counts as one. */
export function groupLabel(group: string): string {
  return group.replace(INSTANCE_SUFFIX, 'instance');
}

const handled = () =>
  counter('messages_handled_total', 'Deliveries of messages to a handler, by message type, consumer group and outcome.', ['type', 'group', 'outcome']);
const handling = () =>
  histogram('message_handling_duration_seconds', 'Time a handler took on a message, by message type and consumer group.', ['type', 'group'], FAST_BUCKETS);
const deadLetters = () =>
  counter('dead_letter_total', 'Messages published to the dead-letter topic, by source topic, consumer group and reason.', ['topic', 'group', 'reason']);

export const messageMetrics = {
  /** `group` as groupLabel gives it (the caller computes it once). */
  handled(type: string, group: string, outcome: HandlingOutcome, seconds?: number): void {
    handled().inc({ type, group, outcome });
    if (seconds !== undefined) handling().observe({ type, group }, seconds);
  },
  deadLettered(topic: string, group: string, reason: DeadLetterReason): void {
    deadLetters().inc({ topic, group: groupLabel(group), reason });
  },
};

const relayed = () =>
  histogram(
    'outbox_relay_duration_seconds',
    'Time to publish the messages of a change and mark them relayed: by the writer at once (write) or by the safety-net pass (pass).',
    ['path'],
    FAST_BUCKETS,
  );
const relayFailures = () => counter('outbox_relay_failures_total', 'Outbox relays that failed (left to the periodic pass).', ['path']);
const backlog = () => gauge('outbox_backlog', 'Outbox batches the last safety-net pass found unrelayed (older than the grace period).', ['source']);

export const outboxMetrics = {
  relayed(path: 'write' | 'pass', seconds: number): void {
    relayed().observe({ path }, seconds);
  },
  relayFailed(path: 'write' | 'pass'): void {
    relayFailures().inc({ path });
  },
  backlog(source: string, batches: number): void {
    backlog().set({ source }, batches);
  },
};

/**
 * A bus that can tell its consumer lag and dead-letter count at any moment, without I/O (the
 * in-memory bus keeps partitions and group positions in memory): read at each scrape, so the
 * figures are never stale. Held weakly: a bus dropped without being stopped (tests) is not
 * kept alive by the metrics.
 */
export interface BusFigures {
  consumerLags(): Array<{ group: string; topic: string; partition: number; messages: number }>;
  deadLetterCount(): number;
}

const watched = new Set<WeakRef<BusFigures>>();

function liveSources(): BusFigures[] {
  const live: BusFigures[] = [];
  for (const ref of watched) {
    const source = ref.deref();
    if (source) live.push(source);
    else watched.delete(ref);
  }
  return live;
}

const lag = () =>
  gauge(
    'consumer_lag_messages',
    'Messages a consumer group has yet to handle on a partition (end offset minus committed offset): polled every 15 s and updated after each batch.',
    ['group', 'topic', 'partition'],
    function collectLags() {
      for (const source of liveSources()) {
        for (const entry of source.consumerLags())
          this.set({ group: groupLabel(entry.group), topic: entry.topic, partition: String(entry.partition) }, entry.messages);
      }
    },
  );

const deadLetterSize = () =>
  gauge(
    'dead_letter_messages',
    'Messages on the dead-letter topic, from its offsets: end minus start summed over partitions. The same figure on every process (aggregate with max, not sum).',
    [],
    function collectDeadLetters() {
      const sources = liveSources();
      // Only an in-memory bus has figures to give here; a Kafka bus sets the gauge from its poller.
      if (sources.length > 0) this.set(sources.reduce((sum, source) => sum + source.deadLetterCount(), 0));
    },
  );

export const consumerMetrics = {
  lag(group: string, topic: string, partition: number, messages: number): void {
    lag().set({ group: groupLabel(group), topic, partition: String(partition) }, messages);
  },
  deadLetters(messages: number): void {
    deadLetterSize().set(messages);
  },
  /** Reads the bus's figures at each scrape, until `unwatch` (or until the bus is garbage). */
  watch(source: BusFigures): void {
    lag();
    deadLetterSize();
    watched.add(new WeakRef(source));
  },
  unwatch(source: BusFigures): void {
    for (const ref of watched) if (ref.deref() === source) watched.delete(ref);
  },
};

/** The platform registry's metrics as Prometheus text (tests, and the process's /metrics). */
export function platformMetricsText(): Promise<string> {
  return platformRegistry.metrics();
}
