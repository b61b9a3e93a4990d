import { Credentials, KNOWN_PHONES } from './personas';

const tomlString = (value: string) => JSON.stringify(value);
const tomlArray = (values: readonly (string | number)[]) =>
  `[${values.map((value) => (typeof value === 'string' ? tomlString(value) : String(value))).join(', ')}]`;

/**
 * A schemathesis.toml for one persona.
 *
 * Authentication is dynamic: schemathesis signs in with the persona's phone and PIN and signs
 * in again whenever an answer is 401. The fuzzer may revoke its own token on the way (a
 * wrong PIN for the persona's phone, then ADMIN's unlock of that user revokes the user's
 * tokens, as it should), and would otherwise fuzz the rest of the run as nobody.
 *
 * Some generated values are drawn, half of the time, from phones and amounts the server
 * knows, so that intents get created and the steps after them run on real intents rather
 * than answering 404 to every random phone.
 */
export function schemathesisToml(credentials: Credentials): string {
  return [
    '# Written by npm run fuzz for one run; not edited by hand.',
    '[auth.dynamic.openapi.bearerAuth]',
    'path = "/auth/login"',
    `payload = { phone = ${tomlString(credentials.phone)}, pin = ${tomlString(credentials.pin)} }`,
    'extract_selector = "/accessToken"',
    '',
    '[dictionaries.clients]',
    `values = ${tomlArray(KNOWN_PHONES.clients)}`,
    '',
    '[dictionaries.agents]',
    `values = ${tomlArray(KNOWN_PHONES.agents)}`,
    '',
    '[dictionaries.customers]',
    `values = ${tomlArray([...KNOWN_PHONES.clients, ...KNOWN_PHONES.agents])}`,
    '',
    '[dictionaries.amounts]',
    `values = ${tomlArray([500, 5_000, 25_000])}`,
    '',
    '[parameters]',
    '"body.clientPhone" = { dictionary = "clients", probability = 0.5 }',
    '"body.agentPhone" = { dictionary = "agents", probability = 0.5 }',
    '"body.amount" = { dictionary = "amounts", probability = 0.5 }',
    '"query.phone" = { dictionary = "customers", probability = 0.5 }',
    '',
  ].join('\n');
}
