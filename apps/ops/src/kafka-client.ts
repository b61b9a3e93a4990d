import { Kafka, logLevel, LogEntry } from 'kafkajs';

/** Few and quick retries: an operator wants an answer or an error, not a minute of waiting. */
const RETRY = { initialRetryTime: 200, maxRetryTime: 1_000, retries: 5 };

/** kafkajs' own errors go to stderr, so stdout carries nothing but the result. */
function stderrLog() {
  return ({ level, log }: LogEntry) => {
    if (level > logLevel.ERROR) return;
    process.stderr.write(`kafka: ${log.message}${log.error ? `: ${String(log.error)}` : ''}\n`);
  };
}

export function opsKafka(brokers: string[], clientId = 'cashout-ops'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, logCreator: () => stderrLog(), retry: RETRY });
}
