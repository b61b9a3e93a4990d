/** The Kafka bus's default timings: consumer-group liveness, and a failing handler's retries. */

export interface GroupTimings {
  /** How long a member that stopped heart-beating (a killed process) keeps its partitions. */
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** How long the coordinator waits for the live members to rejoin during a rebalance. */
  rebalanceTimeoutMs: number;
  /** The longest a fetch waits for data; an idle member heart-beats only between fetches. */
  maxWaitTimeMs: number;
}

/**
 * Tuned so that a killed and restarted instance has its partitions flowing again within
 * seconds. A SIGKILLed member stays in the group until its session times out, and every
 * rebalance (the restarted instance joining included) waits for it: the session timeout
 * bounds the outage, so it is the broker's minimum (group.min.session.timeout.ms, 6 s by
 * default). Live members learn of a rebalance from a heartbeat, which kafkajs sends only
 * between fetches and messages: short fetch waits and heartbeats make them rejoin within
 * about a second. Handlers keep heart-beating while they run (see `subscribe`), so a slow
 * handler does not lose its session; one that cannot rejoin within the rebalance timeout
 * is dropped from that generation rather than stalling every partition of the group.
 */
export const GROUP_TIMINGS: GroupTimings = {
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 10_000,
  maxWaitTimeMs: 500,
};

/**
 * A failing handler is retried with backoff from 100 ms doubling to 5 s, 20 attempts: about
 * 70 s. Most failures are a store or the broker restarting, which takes seconds; dead-lettering
 * a valid saga event because its database was down for five seconds would leave its intent
 * stuck until an operator re-drives it. So a transient failure is waited out (the partition
 * waits with it, which keeps the order), while a message that can never succeed is
 * dead-lettered at once (PoisonMessageError, a message its contract refuses).
 */
export const DEFAULT_MAX_ATTEMPTS = 20;
export const defaultBackoffMs = (attempt: number) => Math.min(5_000, 100 * 2 ** (attempt - 1));
