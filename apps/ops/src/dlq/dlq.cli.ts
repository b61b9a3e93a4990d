import { Kafka } from 'kafkajs';
import { progressOnStderr, ProgressSink } from '../progress';
import { matchesAll } from './dead-letter';
import { DlqTopics, readDeadLetters, redrive } from './dlq.command';
import { detailOf, formatList, formatRedrive, formatShow, redriveReportOf, summaryOf } from './dlq.format';
import type { DlqCommand } from './dlq.options';

export interface DlqIo {
  out: (text: string) => void;
  err: ProgressSink;
}

const print = (io: DlqIo, json: boolean, value: unknown, lines: () => string[]) =>
  io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`);

/** Runs one `dlq` action: 0 done, 1 an unknown dead letter (other failures are thrown). */
export async function runDlq(command: DlqCommand, io: DlqIo, kafka: Kafka, topics: DlqTopics = {}): Promise<number> {
  const bar = progressOnStderr('reading the dead letters', io.err);
  const onProgress = (done: number, total: number) => bar.update(done, total);
  let ended = false;
  // Ended before the result is printed (so a terminal's progress line is closed first), and on failure.
  const endProgress = () => {
    if (!ended) bar.finish();
    ended = true;
  };
  try {
    switch (command.action) {
      case 'list': {
        const result = await readDeadLetters(kafka, { ...topics, onProgress });
        endProgress();
        const letters = result.letters.filter((letter) => matchesAll(letter, command.filters));
        print(io, command.json, { topic: result.topic, total: result.letters.length, letters: letters.map(summaryOf) }, () => formatList(result, letters));
        return 0;
      }
      case 'show': {
        const result = await readDeadLetters(kafka, { ...topics, onProgress });
        endProgress();
        const letter = result.letters.find((candidate) => candidate.id === command.id);
        if (!letter) {
          io.err.write(`no dead letter ${command.id} on ${result.topic}${result.exists ? '' : ' (the topic does not exist)'}; \`dlq list\` shows the ids\n`);
          return 1;
        }
        const detail = detailOf(result.topic, letter);
        print(io, command.json, detail, () => formatShow(detail));
        return 0;
      }
      case 'redrive': {
        const result = await redrive(kafka, { ...topics, filters: command.filters, dryRun: command.dryRun, onProgress });
        endProgress();
        const report = redriveReportOf(result);
        print(io, command.json, report, () => formatRedrive(report));
        return 0;
      }
    }
  } finally {
    endProgress();
  }
}
