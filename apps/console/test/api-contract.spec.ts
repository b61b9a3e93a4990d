import { readFileSync } from 'fs';
import { join } from 'path';
import {
  INTENT_STATUSES,
  type AgentDailyReport,
  type DeliveryChannel,
  type GatewayErrorBody,
  type HistoryEntry,
  type IntentPage,
  type IntentStatus,
  type IntentView,
  type LoginResponse,
  type NotificationRecord,
  type QrToken,
  type ReconciliationView,
  type ReportFigures,
  type Role,
  type WalletView,
} from '../src/api/types';

/**
 * types.ts is written by hand (the console imports nothing of the server), so it is held here to
 * the committed OpenAPI document, which a gateway test holds to what the gateway serves. The
 * TypeScript side is read at compile time: each `Record<keyof T, true>` below must name every
 * property of T and nothing else, or this file does not type-check (`npm run typecheck`, the
 * console's build; jest transpiles without type-checking, isolatedModules); the schema side is
 * read from docs/openapi.json at run time. Property types beyond enums and constants are not compared.
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: string[];
  const?: string;
  propertyNames?: Schema;
  additionalProperties?: Schema | boolean;
}

const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as { components: { schemas: Record<string, Schema> } };
const schemas = document.components.schemas;

/** The keys of T that may be absent: a `{k?: X}` is not assignable to `{k: X}`. */
type OptionalKeys<T> = { [K in keyof T]-?: Pick<T, K> extends Required<Pick<T, K>> ? never : K }[keyof T];

/** What the path leads to in the schema ('[]' an array's items, '{}' a map's values, '{keys}' its keys), failing with the path when the document has none. */
function property(schema: Schema, ...path: string[]): Schema {
  const step = (at: Schema, name: string): Schema | undefined =>
    name === '[]' ? at.items : name === '{}' ? (at.additionalProperties as Schema | undefined) : name === '{keys}' ? at.propertyNames : at.properties?.[name];
  return path.reduce((at, name) => {
    const next = step(at, name);
    if (next === undefined) throw new Error(`the document has no ${path.join('.')}`);
    return next;
  }, schema);
}

const sorted = (keys: Iterable<string>) => [...keys].sort();

/** Both sides as {properties, optional}, so a failure shows which names differ. */
function shapeOfSchema(schema: Schema) {
  const names = Object.keys(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return { properties: sorted(names), optional: sorted(names.filter((name) => !required.has(name))) };
}
function shapeOfType<T>(keys: Record<keyof T, true>, optional: Record<OptionalKeys<T>, true>) {
  return { properties: sorted(Object.keys(keys)), optional: sorted(Object.keys(optional)) };
}

type Entry = [string, Schema, { properties: string[]; optional: string[] }];
/** One mirrored shape: T's property names (all, then the optional ones) against a schema of the document. */
const mirror = <T>(name: string, schema: Schema, keys: Record<keyof T, true>, optional: Record<OptionalKeys<T>, true>): Entry => [
  name,
  schema,
  shapeOfType<T>(keys, optional),
];

const figureKeys: Record<keyof ReportFigures, true> = {
  currency: true,
  intents: true,
  byStatus: true,
  volume: true,
  fees: true,
  commission: true,
  timeInState: true,
};
type Chain = NonNullable<ReconciliationView['chain']>;
type Party = IntentView['agent'];
type Otp = NonNullable<IntentView['otp']>;
type TimeInState = NonNullable<ReportFigures['timeInState'][IntentStatus]>;

const intent = schemas.Intent;
const reconciliation = schemas.Reconciliation;
const report = schemas.AgentDailyReport;

const MIRRORS: Entry[] = [
  mirror<IntentView>(
    'IntentView ↔ Intent',
    intent,
    {
      id: true,
      referenceId: true,
      type: true,
      status: true,
      channel: true,
      amount: true,
      currency: true,
      fees: true,
      totalDebit: true,
      commission: true,
      agent: true,
      client: true,
      initiatorUserId: true,
      createdBy: true,
      otp: true,
      transactionId: true,
      failureReason: true,
      expiresAt: true,
      createdAt: true,
      updatedAt: true,
      history: true,
    },
    { otp: true, transactionId: true, failureReason: true },
  ),
  mirror<Party>("IntentView['agent'] ↔ Intent.agent", property(intent, 'agent'), { userId: true, phone: true }, {}),
  mirror<Party>("IntentView['client'] ↔ Intent.client", property(intent, 'client'), { userId: true, phone: true }, {}),
  mirror<Otp>("IntentView['otp'] ↔ Intent.otp", property(intent, 'otp'), { channel: true, expiresAt: true, attemptsLeft: true, resendsLeft: true }, {}),
  mirror<HistoryEntry>(
    'HistoryEntry ↔ Intent.history[]',
    property(intent, 'history', '[]'),
    { status: true, at: true, actor: true, reason: true },
    { actor: true, reason: true },
  ),
  mirror<IntentPage>('IntentPage ↔ IntentPage', schemas.IntentPage, { items: true, nextCursor: true }, {}),
  mirror<LoginResponse>('LoginResponse ↔ LoginResponse', schemas.LoginResponse, { accessToken: true, tokenType: true, expiresIn: true, user: true }, {}),
  mirror<LoginResponse['user']>(
    "LoginResponse['user'] ↔ LoginResponse.user",
    property(schemas.LoginResponse, 'user'),
    { id: true, role: true, phone: true },
    {},
  ),
  mirror<WalletView>(
    'WalletView ↔ Wallets[]',
    property(schemas.Wallets, '[]'),
    { walletId: true, kind: true, currency: true, balance: true, available: true },
    {},
  ),
  mirror<ReconciliationView>(
    'ReconciliationView ↔ Reconciliation',
    reconciliation,
    { balanced: true, intact: true, walletsChecked: true, mismatches: true, totalsByCurrency: true, chain: true },
    { intact: true, chain: true },
  ),
  mirror<ReconciliationView['mismatches'][number]>(
    "ReconciliationView['mismatches'][] ↔ Reconciliation.mismatches[]",
    property(reconciliation, 'mismatches', '[]'),
    { walletId: true, balance: true, postings: true },
    {},
  ),
  mirror<Chain>(
    "ReconciliationView['chain'] ↔ Reconciliation.chain",
    property(reconciliation, 'chain'),
    { streams: true, lines: true, entries: true, legacy: true, broken: true, brokenCount: true },
    {},
  ),
  mirror<Chain['legacy']>("chain['legacy'] ↔ Reconciliation.chain.legacy", property(reconciliation, 'chain', 'legacy'), { lines: true, entries: true }, {}),
  mirror<Chain['broken'][number]>(
    "chain['broken'][] ↔ Reconciliation.chain.broken[]",
    property(reconciliation, 'chain', 'broken', '[]'),
    { problem: true, stream: true, sequence: true, entryId: true },
    { stream: true, sequence: true, entryId: true },
  ),
  mirror<AgentDailyReport>('AgentDailyReport ↔ AgentDailyReport', report, { agentPhone: true, from: true, to: true, days: true, totals: true }, {}),
  mirror<ReportFigures>('ReportFigures ↔ AgentDailyReport.totals[]', property(report, 'totals', '[]'), figureKeys, {}),
  mirror<AgentDailyReport['days'][number]>('ReportFigures & {day} ↔ AgentDailyReport.days[]', property(report, 'days', '[]'), { ...figureKeys, day: true }, {}),
  ...['totals', 'days'].map((list) =>
    mirror<TimeInState>(
      `ReportFigures['timeInState'] values ↔ AgentDailyReport.${list}[].timeInState`,
      property(report, list, '[]', 'timeInState', '{}'),
      { count: true, totalMs: true },
      {},
    ),
  ),
  mirror<NotificationRecord>(
    'NotificationRecord ↔ Notifications[]',
    property(schemas.Notifications, '[]'),
    {
      id: true,
      to: true,
      customerPhone: true,
      intentId: true,
      channel: true,
      kind: true,
      status: true,
      provider: true,
      body: true,
      otp: true,
      createdAt: true,
    },
    { intentId: true, otp: true },
  ),
  mirror<QrToken>('QrToken ↔ QrToken', schemas.QrToken, { qrToken: true, expiresAt: true }, {}),
  mirror<GatewayErrorBody>(
    'GatewayErrorBody ↔ Error.error',
    property(schemas.Error, 'error'),
    { code: true, message: true, details: true, correlationId: true },
    { details: true },
  ),
];

/** A union's members, listed once: the Record must name each member and nothing else. */
const members = <T extends string>(values: Record<T, true>): string[] => sorted(Object.keys(values));
const enumOf = (schema: Schema): string[] => sorted(schema.enum ?? (schema.const === undefined ? [] : [schema.const]));

const notification = property(schemas.Notifications, '[]');
const delivery = members<DeliveryChannel>({ WHATSAPP: true, SMS: true, EMAIL: true });

const ENUMS: Array<[string, Schema, string[]]> = [
  ["IntentView['type']", property(intent, 'type'), members<IntentView['type']>({ CASH_OUT: true })],
  ["IntentView['channel']", property(intent, 'channel'), members<IntentView['channel']>({ MOBILE_PRO: true, CMMS: true })],
  ["IntentView['otp']['channel']", property(intent, 'otp', 'channel'), delivery],
  ['Role', property(schemas.LoginResponse, 'user', 'role'), members<Role>({ ADMIN: true, OPERATOR: true, AGENT: true, CLIENT: true })],
  ["LoginResponse['tokenType']", property(schemas.LoginResponse, 'tokenType'), members<LoginResponse['tokenType']>({ Bearer: true })],
  ["WalletView['kind']", property(schemas.Wallets, '[]', 'kind'), members<WalletView['kind']>({ MAIN: true, FLOAT: true, COMMISSION: true })],
  [
    "chain['broken'][]['problem']",
    property(reconciliation, 'chain', 'broken', '[]', 'problem'),
    members<Chain['broken'][number]['problem']>({ edited: true, missing: true, reordered: true, unchained: true }),
  ],
  ["NotificationRecord['channel']", property(notification, 'channel'), delivery],
  [
    "NotificationRecord['kind']",
    property(notification, 'kind'),
    members<NotificationRecord['kind']>({ OTP: true, CASH_OUT_SUCCEEDED: true, CASH_OUT_FAILED: true, ACCESS_LOCKED: true, ACCESS_UNLOCKED: true }),
  ],
  [
    "NotificationRecord['status']",
    property(notification, 'status'),
    members<NotificationRecord['status']>({ SENT: true, SKIPPED: true, COPIED: true, FAILED: true }),
  ],
];

/** Every place the document lists intent statuses: the console's INTENT_STATUSES names them all. */
const STATUS_LISTS: Array<[string, Schema]> = [
  ['Intent.status', property(intent, 'status')],
  ['Intent.history[].status', property(intent, 'history', '[]', 'status')],
  ['AgentDailyReport.totals[].byStatus keys', property(report, 'totals', '[]', 'byStatus', '{keys}')],
  ['AgentDailyReport.totals[].timeInState keys', property(report, 'totals', '[]', 'timeInState', '{keys}')],
];

describe("the console's HTTP types (src/api/types.ts) against docs/openapi.json", () => {
  it.each(MIRRORS)('%s: the same properties, the same ones optional', (_name, schema, typed) => {
    expect(typed).toEqual(shapeOfSchema(schema));
  });

  it.each(ENUMS)('%s: the same values', (_name, schema, typed) => {
    expect(typed).toEqual(enumOf(schema));
  });

  it.each(STATUS_LISTS)('INTENT_STATUSES is %s, in its order', (_name, schema) => {
    expect([...INTENT_STATUSES]).toEqual(schema.enum);
  });

  it('reads an intent page as intents: its items are the Intent schema', () => {
    expect(property(schemas.IntentPage, 'items', '[]')).toEqual(intent);
  });

  it('leaves no mirrored schema unchecked: every object of the components above is compared', () => {
    const checked = new Set(MIRRORS.map(([, schema]) => schema));
    const unchecked: string[] = [];
    const walk = (schema: Schema, path: string): void => {
      if (schema.properties && !checked.has(schema)) unchecked.push(path);
      for (const [name, inner] of Object.entries(schema.properties ?? {})) walk(inner, `${path}.${name}`);
      if (schema.items) walk(schema.items, `${path}[]`);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${path}{}`);
    };
    for (const name of ['Intent', 'LoginResponse', 'Wallets', 'Reconciliation', 'AgentDailyReport', 'Notifications', 'QrToken']) walk(schemas[name], name);
    expect(unchecked).toEqual([]);
  });
});
