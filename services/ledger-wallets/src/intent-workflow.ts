import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Message, MessageType } from '@cashout/shared-contracts';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory, OutboxEntry, OutboxRelay, OutgoingMessage } from '@cashout/platform';
import { LEDGER_CONFIG, LedgerConfig } from './config/ledger.config';
import { isPublic, IntentState, toView, Waiter } from './domain/intent';
import { answerOnly, Decision, onSettled, onSettlementFailed, SagaContext } from './domain/intent-saga';
import { INTENT_REPOSITORY, IntentDocument, IntentRepository } from './intent.repository.port';
import { SettlementService } from './confirm-intent/settlement.service';

const MAX_WRITE_ATTEMPTS = 10;

/** The message a decision answers or is caused by: its correlation travels on. */
export interface Cause {
  messageId: string;
  correlationId: string;
}

/**
 * Runs saga decisions against the stored intent: load, decide (a pure function), write
 * the new state and every message it causes in ONE document write (optimistic
 * concurrency, retried on conflict), relay the outbox, then run local ledger effects.
 */
@Injectable()
export class IntentWorkflow {
  private readonly logger = new Logger('IntentWorkflow');

  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly messages: MessageFactory,
    private readonly relay: OutboxRelay,
    private readonly settlement: SettlementService,
  ) {}

  context(): SagaContext {
    return { now: this.clock.now(), newId: randomUUID, config: this.config.saga };
  }

  /** Stores a new intent; false when one with this id already exists. */
  async create(decision: Decision, cause: Cause): Promise<boolean> {
    const document: IntentDocument = { ...decision.state, version: 1, outbox: this.outboxFor(undefined, decision, cause) };
    const inserted = (await this.intents.insert(document)) === 'inserted';
    if (inserted) void this.relay.kick();
    return inserted;
  }

  /** Applies `decide` to the intent; `missing` answers when there is no such intent. */
  async apply(
    intentId: string,
    cause: Cause,
    decide: (state: IntentState, context: SagaContext) => Decision | Promise<Decision>,
    missing?: () => Decision['replies'],
  ): Promise<void> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const stored = await this.intents.findById(intentId);
      if (!stored) {
        const replies = missing?.() ?? [];
        if (replies.length > 0) await this.bus.publish(replies.map((reply) => this.replyMessage(reply.to, reply.body)));
        return;
      }
      const { version, outbox: _relayedLater, ...state } = stored;
      const decision = await decide(state, this.context());
      if (decision.state === state && decision.commands.length === 0) {
        // Nothing changed: answers go out directly, no write needed.
        if (decision.replies.length > 0) await this.bus.publish(decision.replies.map((reply) => this.replyMessage(reply.to, reply.body)));
        await this.runEffects(decision, cause);
        return;
      }
      if (await this.intents.update({ ...decision.state, version: version + 1 }, this.outboxFor(state, decision, cause))) {
        void this.relay.kick();
        await this.runEffects(decision, cause);
        return;
      }
    }
    throw new Error(`intent ${intentId}: too many concurrent writes`);
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

  private outboxFor(before: IntentState | undefined, decision: Decision, cause: Cause): OutboxEntry[] {
    const context = { aggregateId: decision.state.id, correlationId: cause.correlationId, causationId: cause.messageId };
    const outgoing: OutgoingMessage[] = decision.commands.map((command) =>
      this.messages.create(command.type as MessageType, command.payload as never, context),
    );
    if (isPublic(decision.state.phase) && before?.phase !== decision.state.phase) {
      outgoing.push(
        this.messages.create(
          'IntentStateChanged',
          {
            from: before && isPublic(before.phase) ? before.phase : undefined,
            to: decision.state.phase,
            reason: decision.state.history[decision.state.history.length - 1]?.reason,
            intent: toView(decision.state),
          },
          context,
        ),
      );
    }
    outgoing.push(...decision.replies.map((reply) => this.replyMessage(reply.to, reply.body, decision.state.id)));
    return outgoing.map((message) => ({ id: message.envelope.messageId, message }));
  }

  private async runEffects(decision: Decision, cause: Cause): Promise<void> {
    for (const effect of decision.effects) {
      if (effect.kind === 'release-hold') {
        await this.settlement.releaseHold(decision.state, effect.holdId);
      } else {
        await this.settle(decision.state.id, cause);
      }
    }
  }

  /** Posts the cash-out and the commission (exactly once), then records the outcome. */
  async settle(intentId: string, cause: Cause): Promise<void> {
    const stored = await this.intents.findById(intentId);
    if (!stored || stored.phase !== 'PROCESSING') return;
    const result = await this.settlement.settle(stored);
    if (!result.ok) this.logger.error(`settlement of intent ${intentId} failed: ${result.reason}`);
    await this.apply(intentId, cause, (state, context) => {
      if (state.phase !== 'PROCESSING') return answerOnly(state);
      return result.ok ? onSettled(state, result, context) : onSettlementFailed(state, result.reason, context);
    });
  }
}
