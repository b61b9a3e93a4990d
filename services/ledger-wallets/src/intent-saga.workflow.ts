import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { intentTransitionMark, Message, MessageType } from '@cashout/shared-contracts';
import { CLOCK, Clock, lineKey, MESSAGE_BUS, MessageBus, MessageFactory, OutgoingMessage, StreamLine, writeStream } from '@cashout/platform';
import { LEDGER_CONFIG, LedgerConfig } from './ledger.config';
import { isPublic, IntentState, toView, Waiter } from './domain/intent';
import { decide, Decision, SagaContext, SagaInput } from './domain/intent-saga';
import { LedgerWalletsOutboxRelay } from './ledger-wallets.outbox-relay';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { recordTransition } from './saga-metrics';

/** The message a decision answers or is caused by: its correlation travels on. */
export interface Cause {
  messageId: string;
  correlationId: string;
}

/**
 * Runs saga decisions against the intent's stream: read the latest line, decide (a pure
 * function), append the new state with every message it causes as the next line (one
 * insert; a lost race decides again on the line that won), then relay those messages.
 */
@Injectable()
export class IntentSagaWorkflow {
  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly messages: MessageFactory,
    private readonly relay: LedgerWalletsOutboxRelay,
  ) {}

  context(): SagaContext {
    return { now: this.clock.now(), newId: randomUUID, config: this.config.saga };
  }

  /** Starts a new intent's stream; false when one with this id already exists. */
  async create(decision: Decision, cause: Cause): Promise<boolean> {
    const outcome = await this.intents.streams.append({
      stream: decision.state.id,
      seq: 1,
      state: decision.state,
      outbox: this.outboxFor(undefined, decision, cause),
      at: new Date().toISOString(),
    });
    if (outcome.kind !== 'appended') return false;
    recordTransition(undefined, decision.state);
    await this.relayLine(outcome.line);
    return true;
  }

  /** Decides `input` on the intent; `missing` answers when there is no such intent. */
  async apply(intentId: string, cause: Cause, input: SagaInput, missing?: () => Decision['replies']): Promise<void> {
    const written = await writeStream<IntentState, { decision?: Decision; before?: IntentState }>(this.intents.streams, intentId, (current) => {
      if (!current) return { result: {} };
      const decision = decide(current.state, input, this.context());
      const result = { decision, before: current.state };
      // Nothing changed: answers go out directly, no write needed.
      if (decision.state === current.state && decision.commands.length === 0) return { result };
      return { write: { state: decision.state, outbox: this.outboxFor(current.state, decision, cause) }, result };
    });
    if (written.kind === 'written') {
      recordTransition(written.result.before, written.line.state);
      return this.relayLine(written.line);
    }
    if (written.kind === 'duplicate') return;
    const replies = written.result.decision ? written.result.decision.replies : (missing?.() ?? []);
    if (replies.length > 0) await this.bus.publish(replies.map((reply) => this.replyMessage(reply.to, reply.body)));
  }

  replyMessage(to: Waiter, body: Decision['replies'][number]['body'], aggregateId?: string): OutgoingMessage {
    return this.messages.create('GatewayReply', body, {
      aggregateId: aggregateId ?? to.correlationId,
      correlationId: to.correlationId,
      causationId: to.causationId,
    });
  }

  /** Answers a query directly on the reply topic. */
  async answer(cause: Message, body: Decision['replies'][number]['body']): Promise<void> {
    await this.bus.publish([this.messages.reply(cause, 'GatewayReply', body)]);
  }

  private relayLine(line: StreamLine<IntentState>): Promise<void> {
    return this.relay.relayNow(lineKey(line.stream, line.seq), line.outbox).then(() => undefined);
  }

  private outboxFor(before: IntentState | undefined, decision: Decision, cause: Cause): OutgoingMessage[] {
    const context = { aggregateId: decision.state.id, correlationId: cause.correlationId, causationId: cause.messageId };
    const outgoing: OutgoingMessage[] = decision.commands.map((command) => {
      const message = this.messages.create(command.type as MessageType, command.payload as never, context);
      // The ledger's movements are keyed by the wallet they move (see the topic catalogue).
      if ('walletId' in command.payload) return { ...message, key: command.payload.walletId };
      if (command.type === 'PostCashOut') return { ...message, key: command.payload.clientWalletId };
      return message;
    });
    if (isPublic(decision.state.phase) && before?.phase !== decision.state.phase) {
      const intent = toView(decision.state);
      outgoing.push(
        this.messages.create(
          'IntentStateChanged',
          {
            from: before && isPublic(before.phase) ? before.phase : undefined,
            to: decision.state.phase,
            reason: decision.state.history[decision.state.history.length - 1]?.reason,
            ...intentTransitionMark(intent),
            intent,
          },
          context,
        ),
      );
    }
    outgoing.push(...decision.replies.map((reply) => this.replyMessage(reply.to, reply.body, decision.state.id)));
    return outgoing;
  }
}
