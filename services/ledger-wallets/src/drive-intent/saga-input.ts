import { ErrorBody, Message } from '@cashout/shared-contracts';
import { IntentAction, Waiter } from '../domain/intent';
import { SagaEventType, SagaInput, SagaReply } from '../domain/intent-saga';

/** Every message the intent saga consumes, but the creation that starts a stream. */
export type SagaMessage = Message<'SendIntentOtp' | 'VerifyIntentOtp' | 'VerifyIntentPin' | 'ConfirmIntent' | 'CancelIntent' | SagaEventType>;

/** The gateway request as a waiter for the step it starts. */
export function waiterFor(message: Message, action: IntentAction): Waiter {
  return { correlationId: message.correlationId, causationId: message.messageId, action };
}

/** The answer when a request names an intent that does not exist (events about one are ignored). */
export function intentNotFound(message: SagaMessage): SagaReply[] {
  const input = sagaInputOf(message);
  if (input.kind !== 'request') return [];
  const error: ErrorBody = { code: 'NOT_FOUND', message: `intent ${message.payload.intentId} not found` };
  return [{ to: input.to, body: { kind: 'error', error } }];
}

/** What a message asks of the saga. */
export function sagaInputOf(message: SagaMessage): SagaInput {
  const request = (to: Waiter['action'], body: Extract<SagaInput, { kind: 'request' }>['request']): SagaInput => {
    const { actor } = message.payload as { actor: Extract<SagaInput, { kind: 'request' }>['actor'] };
    return { kind: 'request', actor, to: waiterFor(message, to), request: body };
  };
  switch (message.type) {
    case 'SendIntentOtp':
      return request('send-otp', { action: 'send-otp' });
    case 'VerifyIntentOtp':
      return request('verify-otp', { action: 'verify-otp', sealedOtp: message.payload.sealedOtp });
    case 'VerifyIntentPin':
      return request('verify-pin', { action: 'verify-pin', sealedPin: message.payload.sealedPin, sealedToken: message.payload.sealedToken });
    case 'ConfirmIntent':
      return request('confirm', { action: 'confirm' });
    case 'CancelIntent':
      return request('cancel', { action: 'cancel', reason: message.payload.reason });
    default:
      return { kind: 'event', event: { type: message.type, payload: message.payload } as Extract<SagaInput, { kind: 'event' }>['event'] };
  }
}
