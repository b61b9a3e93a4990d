/**
 * The topic catalogue. Every topic is keyed by the intent id (or the subject's id when a
 * message concerns no intent), so the messages of one intent stay ordered on one partition;
 * except the ledger's commands, keyed by the wallet they move, so the movements of one
 * wallet are handled in order by one consumer (races on a wallet become rare; the wallet's
 * stream keeps them exact when they happen, e.g. during a rebalance).
 */
export const TOPICS = {
  intentCommands: 'cashout.intent.commands',
  intentEvents: 'cashout.intent.events',
  ledgerQueries: 'cashout.ledger.queries',
  ledgerCommands: 'cashout.ledger.commands',
  ledgerEvents: 'cashout.ledger.events',
  customerCommands: 'cashout.customer.commands',
  customerEvents: 'cashout.customer.events',
  authCommands: 'cashout.auth.commands',
  authEvents: 'cashout.auth.events',
  /** A user's access changed (locked, unlocked): keyed by user, compacted to the latest per user. */
  authAccess: 'cashout.auth.access',
  riskCommands: 'cashout.risk.commands',
  riskEvents: 'cashout.risk.events',
  notificationCommands: 'cashout.notification.commands',
  notificationEvents: 'cashout.notification.events',
  /** Queries of the reporting read model (keyed by the agent's phone). */
  reportingQueries: 'cashout.reporting.queries',
  gatewayReplies: 'cashout.gateway.replies',
  deadLetter: 'cashout.dead-letter',
  /**
   * Which dead letters `npm run ops -- dlq redrive` has re-driven: keyed by the dead letter's
   * `<partition>:<offset>`, written in the same transaction as the re-driven message, so a
   * dead letter is re-driven at most once. Compacted: one record per dead letter, kept.
   */
  deadLetterRedriven: 'cashout.dead-letter.redriven',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export interface TopicSpec {
  name: Topic;
  partitions: number;
  retentionMs: number;
  cleanupPolicy: 'delete' | 'compact';
}

const DAY = 24 * 60 * 60 * 1000;

/** Declared once; the in-process bus and (later) the Kafka provisioning both read it. */
export const TOPIC_CATALOGUE: readonly TopicSpec[] = Object.values(TOPICS).map((name) => ({
  name,
  partitions: name === TOPICS.deadLetter || name === TOPICS.deadLetterRedriven ? 1 : 6,
  retentionMs: name === TOPICS.deadLetter || name === TOPICS.deadLetterRedriven || name === TOPICS.intentEvents ? 30 * DAY : 7 * DAY,
  // The access topic is a table (the latest change per user, read whole by every gateway at
  // start), so it is compacted rather than expired; so is the re-drive markers' (a marker
  // must outlive the dead letter it marks, or the letter could be re-driven again).
  cleanupPolicy: name === TOPICS.authAccess || name === TOPICS.deadLetterRedriven ? 'compact' : 'delete',
}));

/**
 * The broker-side settings of a topic, as Kafka names them: what the Kafka adapter creates a
 * topic with and what the provisioning script (infra/scripts/create-topics.js) creates and
 * brings existing topics back to, so the two cannot drift apart.
 */
export function topicConfig(spec: TopicSpec): Record<'retention.ms' | 'cleanup.policy', string> {
  return { 'retention.ms': String(spec.retentionMs), 'cleanup.policy': spec.cleanupPolicy };
}
