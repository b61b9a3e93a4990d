import { Kafka } from 'kafkajs';
import { kafkaBrokers } from './brokers';
import { runDlq } from './dlq/dlq.cli';
import { opsKafka } from './kafka-client';
import { formatLag } from './lag/lag';
import { readLag } from './lag/lag.command';
import { OpsCommand, parseOpsCommand, USAGE, UsageError } from './options';
import { progressOnStderr, ProgressSink } from './progress';
import { formatReset, resetOffsets, ResetRefused } from './reset/reset-offsets';
import { mongoUrl } from './brokers';
import { PROJECTIONS } from './replay/projections';
import { formatReplay } from './replay/replay';
import { replayProjection, ReplayRefused } from './replay/replay.command';
import { formatTimeline } from './timeline/timeline';
import { readTimeline } from './timeline/timeline.command';

export interface CliIo {
  out: (text: string) => void;
  err: ProgressSink;
  env: Record<string, string | undefined>;
  /** Tests pass their own client; the CLI builds one from KAFKA_BROKERS. */
  kafka?: Kafka;
}

const print = (io: CliIo, json: boolean, value: unknown, lines: () => string[]) =>
  io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`);

async function execute(command: Exclude<OpsCommand, { command: 'help' }>, io: CliIo, kafka: Kafka): Promise<number> {
  switch (command.command) {
    case 'timeline': {
      const progress = progressOnStderr('reading topics', io.err);
      const timeline = await readTimeline(kafka, command.intentId, { onProgress: (done, total) => progress.update(done, total) });
      progress.finish();
      if (timeline.missingTopics.length > 0) io.err.write(`not on this cluster (skipped): ${timeline.missingTopics.join(', ')}\n`);
      print(io, command.json, timeline, () => formatTimeline(timeline));
      return 0;
    }
    case 'lag': {
      const groups = await readLag(kafka, command.group);
      if (command.group !== undefined && groups.length === 0) {
        io.err.write(`no consumer group named ${command.group}\n`);
        return 1;
      }
      print(io, command.json, { groups }, () => formatLag(groups));
      return 0;
    }
    case 'replay': {
      const url = mongoUrl(io.env);
      if (url === undefined) throw new ReplayRefused('no MONGO_URL (and no local servers started by npm run infra:up)');
      const projection = await PROJECTIONS[command.projection](url);
      try {
        const progress = progressOnStderr(`replaying ${projection.topic}`, io.err);
        const result = await replayProjection(kafka, projection, {
          from: command.from,
          dryRun: command.dryRun,
          groupPrefix: io.env.BUS_GROUP_PREFIX ?? '',
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.finish();
        print(io, command.json, result, () => formatReplay(result));
      } finally {
        await projection.close();
      }
      return 0;
    }
    case 'reset-offsets': {
      const { group: groupId, topic, to, dryRun } = command;
      const result = await resetOffsets(kafka, { groupId, topic, to, dryRun });
      print(io, command.json, result, () => formatReset(result));
      return 0;
    }
    case 'dlq':
      return runDlq(command, io, kafka);
  }
}

/** One run of `npm run ops`: 0 ok, 1 failure or refusal, 2 bad usage. */
export async function runOps(argv: readonly string[], io: CliIo): Promise<number> {
  let command: OpsCommand;
  try {
    command = parseOpsCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.command === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const kafka = io.kafka ?? opsKafka(kafkaBrokers(io.env));
  try {
    return await execute(command, io, kafka);
  } catch (error) {
    if (error instanceof ResetRefused || error instanceof ReplayRefused) io.err.write(`refused: ${error.message}\n`);
    else io.err.write(`${command.command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
