import { z } from 'zod';
import { Envelope, EnvelopeSchema } from './envelope';
import { authMessages } from './messages/auth.messages';
import { customerMessages } from './messages/customer.messages';
import { gatewayMessages } from './messages/gateway.messages';
import { intentMessages } from './messages/intent.messages';
import { ledgerMessages, ledgerMovementMessages } from './messages/ledger.messages';
import { notificationMessages } from './messages/notification.messages';
import { reportingMessages } from './messages/reporting.messages';
import { riskMessages } from './messages/risk.messages';

/** Every message type of the platform: its topic, current version and payload schema. */
export const MESSAGE_CATALOGUE = {
  ...intentMessages,
  ...ledgerMessages,
  ...ledgerMovementMessages,
  ...customerMessages,
  ...authMessages,
  ...riskMessages,
  ...notificationMessages,
  ...reportingMessages,
  ...gatewayMessages,
} as const;

type Catalogue = typeof MESSAGE_CATALOGUE;
export type MessageType = keyof Catalogue;
export type PayloadOf<T extends MessageType> = z.infer<Catalogue[T]['schema']>;
export type Message<T extends MessageType = MessageType> = {
  [K in T]: Envelope<K, PayloadOf<K>>;
}[T];

export function topicOf(type: MessageType): string {
  return MESSAGE_CATALOGUE[type].topic;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * IntentStateChanged v1 → v2: `sequence` and `at` derived from the view the event carries, by
 * intentTransitionMark's rule. Total: a payload without a view's history is passed on unchanged
 * (and a missing time left undefined), so that the v2 schema names the problem; it never throws.
 */
function upcastIntentStateChangedV1(payload: unknown): unknown {
  if (!isRecord(payload) || !isRecord(payload.intent) || !Array.isArray(payload.intent.history)) return payload;
  const { history, updatedAt } = payload.intent;
  const last: unknown = history.at(-1);
  const at: unknown = isRecord(last) && typeof last.at === 'string' ? last.at : updatedAt;
  return { ...payload, sequence: history.length, at };
}

/**
 * Versions: a producer always writes the catalogue's current version; a consumer reads any
 * older one by walking these upcasters (v1 → v2 → …) before validating, since old events stay
 * on the topics for replays. A version newer than this code knows is refused (dead-lettered):
 * in a rolling upgrade, a consumer not yet upgraded parks the new events, and they are redriven
 * from the dead-letter topic once it is. Each entry is `{ [type]: { [oldVersion]: fn } }`: a
 * pure, total function from that version's payload to the next; it never throws, leaving a
 * malformed payload to the schema. A new version adds one here with a test.
 */
const UPCASTERS: Partial<Record<MessageType, Record<number, (payload: unknown) => unknown>>> = {
  IntentStateChanged: { 1: upcastIntentStateChangedV1 },
};

export type ParseResult = { ok: true; message: Message } | { ok: false; reason: string };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Validates an envelope read from the bus: known type, supported version, valid payload. */
export function parseMessage(raw: unknown): ParseResult {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  const { type, version } = envelope.data;
  if (!Object.prototype.hasOwnProperty.call(MESSAGE_CATALOGUE, type)) {
    return { ok: false, reason: `unknown message type ${type}` };
  }
  const entry = MESSAGE_CATALOGUE[type as MessageType];
  let payload = envelope.data.payload;
  let at = version;
  while (at < entry.version) {
    const upcast = UPCASTERS[type as MessageType]?.[at];
    if (!upcast) return { ok: false, reason: `${type} v${version} has no upcaster to v${entry.version}` };
    payload = upcast(payload);
    at += 1;
  }
  if (at > entry.version) return { ok: false, reason: `${type} v${version} is newer than supported v${entry.version}` };
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: `invalid ${type} payload: ${describeIssues(parsed.error)}` };
  return { ok: true, message: { ...envelope.data, version: entry.version, payload: parsed.data } as Message };
}
