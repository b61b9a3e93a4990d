import { connectMongo } from '@cashout/platform/mongo';
import { Message, TOPICS } from '@cashout/shared-contracts';
import { Position } from '../domain/intent-facts';
import { InstalledCopy, MongoReadModelCopies } from './mongo-read-model.copies';
import { REPORTING_SERVICE } from '../reporting.messages-consumer';
import { Applied, ReadModelReplay, ReplayDiff, ReplayStart } from '../replay/read-model.replay';

export interface ReportingReplaySession {
  apply(message: Message, position: Position): Applied;
  diff(): ReplayDiff;
  /** Writes the rebuilt model into a fresh copy and serves it. */
  install(): Promise<InstalledCopy>;
}

/**
 * The reporting read model as something an operator's tool can rebuild: its consumer group
 * and topic, and a replay session over its MongoDB copies. The tool reads the events; this
 * folds them the way the service does.
 */
export interface ReportingProjection {
  name: string;
  group: string;
  topic: string;
  begin(start: ReplayStart): Promise<ReportingReplaySession>;
  close(): Promise<void>;
}

export async function openReportingProjection(mongoUrl: string): Promise<ReportingProjection> {
  const connection = await connectMongo(mongoUrl, REPORTING_SERVICE);
  const copies = new MongoReadModelCopies(connection);
  return {
    name: 'reporting',
    group: REPORTING_SERVICE,
    topic: TOPICS.intentEvents,
    async begin(start) {
      const replay = new ReadModelReplay(await copies.servedFacts(), start);
      return {
        apply: (message, position) => replay.apply(message, position),
        diff: () => replay.diff(),
        install: () => copies.install(replay.rebuilt()),
      };
    },
    close: () => connection.close(),
  };
}
