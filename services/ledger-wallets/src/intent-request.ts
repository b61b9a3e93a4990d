import { ErrorBody, Message } from '@cashout/shared-contracts';
import { IntentAction, Waiter } from './domain/intent';
import { SagaReply } from './domain/intent-saga';

/** The gateway request as a waiter for the step it starts. */
export function waiterFor(message: Message, action: IntentAction): Waiter {
  return { correlationId: message.correlationId, causationId: message.messageId, action };
}

/** The answer when a request names an intent that does not exist. */
export function intentNotFound(message: Message, intentId: string, action: IntentAction): SagaReply[] {
  const error: ErrorBody = { code: 'NOT_FOUND', message: `intent ${intentId} not found` };
  return [{ to: waiterFor(message, action), body: { kind: 'error', error } }];
}
