import { Logger } from '@nestjs/common';
import { IHeaders, KafkaMessage, logLevel, LogEntry } from 'kafkajs';
import { OutgoingMessage } from './message-bus.port';

/** A Kafka record's headers as strings (a repeated header joined by commas). */
export function headersOf(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Kafka's shape of a publish: the messages grouped by topic, in order within each. */
export function byTopic(messages: OutgoingMessage[]): Array<{ topic: string; messages: Array<{ key: string; value: string; headers: IHeaders }> }> {
  const topics = new Map<string, Array<{ key: string; value: string; headers: IHeaders }>>();
  for (const message of messages) {
    const batch = topics.get(message.topic) ?? [];
    batch.push({ key: message.key, value: JSON.stringify(message.envelope), headers: { ...(message.headers ?? {}) } });
    topics.set(message.topic, batch);
  }
  return [...topics].map(([topic, batch]) => ({ topic, messages: batch }));
}

/** kafkajs's warnings and errors through Nest's logger (its own lines are not JSON). */
export function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, log }: LogEntry) => {
      const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}`;
      if (level === logLevel.ERROR) logger.error(text);
      else if (level === logLevel.WARN) logger.warn(text);
    };
}
