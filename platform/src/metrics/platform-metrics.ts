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

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return metric(name, () => new Gauge({ name, help, labelNames, registers: [platformRegistry] }));
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
  histogram('outbox_relay_duration_seconds', 'Time to publish the messages of a change and mark them relayed: by the writer at once (write) or by the safety-net pass (pass).', ['path'], FAST_BUCKETS);
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

const lag = () => gauge('consumer_lag_messages', 'Messages behind the end of the partition after the last batch a consumer group handled.', ['group', 'topic', 'partition']);

export const consumerMetrics = {
  lag(group: string, topic: string, partition: number, messages: number): void {
    lag().set({ group: groupLabel(group), topic, partition: String(partition) }, messages);
  },
};

/** The platform registry's metrics as Prometheus text (tests, and the process's /metrics). */
export function platformMetricsText(): Promise<string> {
  return platformRegistry.metrics();
}
