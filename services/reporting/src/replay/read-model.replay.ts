import { Message } from '@cashout/shared-contracts';
import { IntentFacts, Position, foldIntentEvent } from '../domain/intent-facts';

/** Where a replay starts in each partition: events from there on are replayed, the facts from before are kept. */
export type ReplayStart = ReadonlyMap<number, number>;

/** What the rebuilt model changes in the served one, by intent. */
export interface ReplayDiff {
  served: number;
  rebuilt: number;
  added: string[];
  removed: string[];
  /** Intents whose facts differ, with the fields that do (where they were read from aside). */
  changed: Array<{ intentId: string; fields: string[] }>;
}

export type Applied = 'applied' | 'skipped' | 'ignored';

const FIELDS = ['agentPhone', 'agentUserId', 'day', 'currency', 'status', 'amount', 'fees', 'commission', 'steps', 'timeInState'] as const;

function differingFields(served: IntentFacts, rebuilt: IntentFacts): string[] {
  return FIELDS.filter((field) => JSON.stringify(served[field]) !== JSON.stringify(rebuilt[field]));
}

/**
 * One replay of the reporting read model, in memory: it starts from the served facts that
 * came from events before the replay's start (all of them with `--since`; those of events
 * the topic no longer holds with a replay from the beginning), then folds the replayed
 * events exactly as the service does, so a replay of a healthy model changes nothing.
 */
export class ReadModelReplay {
  private readonly facts = new Map<string, IntentFacts>();

  constructor(
    private readonly served: readonly IntentFacts[],
    start: ReplayStart,
  ) {
    for (const facts of served) {
      const from = start.get(facts.position.partition);
      if (from === undefined || facts.position.offset < from) this.facts.set(facts.intentId, facts);
    }
  }

  /** Folds one event read at `position`; other message types are ignored. */
  apply(message: Message, position: Position): Applied {
    if (message.type !== 'IntentStateChanged') return 'ignored';
    const intentId = message.payload.intent.id;
    const folded = foldIntentEvent(this.facts.get(intentId), message.payload, position);
    if (folded.kind === 'skipped') return 'skipped';
    this.facts.set(intentId, folded.facts);
    return 'applied';
  }

  rebuilt(): IntentFacts[] {
    return [...this.facts.values()];
  }

  diff(): ReplayDiff {
    const served = new Map(this.served.map((facts) => [facts.intentId, facts]));
    const added: string[] = [];
    const changed: ReplayDiff['changed'] = [];
    for (const [intentId, rebuilt] of this.facts) {
      const before = served.get(intentId);
      if (!before) added.push(intentId);
      else {
        const fields = differingFields(before, rebuilt);
        if (fields.length > 0) changed.push({ intentId, fields });
      }
    }
    const removed = [...served.keys()].filter((intentId) => !this.facts.has(intentId));
    return { served: served.size, rebuilt: this.facts.size, added, removed, changed };
  }
}
