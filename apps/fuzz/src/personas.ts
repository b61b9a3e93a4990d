import { Persona } from './options';

export interface Credentials {
  phone: string;
  pin: string;
}

/** The demo users the test environment seeds, one per persona. */
export const CREDENTIALS: Readonly<Record<Persona, Credentials>> = {
  admin: { phone: '+2250700000001', pin: '0000' },
  operator: { phone: '+2250700000002', pin: '0000' },
  agent: { phone: '+2250500000001', pin: '1234' },
  client: { phone: '+2250100000001', pin: '1111' },
};

/** Phones the server knows, so that creating intents and reading wallets get past 404. */
export const KNOWN_PHONES = {
  clients: ['+2250100000001', '+2250100000002', '+2250100000003', '+2250100000004'],
  agents: ['+2250500000001', '+2250500000002'],
} as const;

/**
 * Signs in once before fuzzing, so that a persona that cannot sign in fails the run at once
 * with the server's answer, instead of as a run of 401s.
 */
export async function checkLogin(url: string, persona: Persona): Promise<void> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CREDENTIALS[persona]),
  });
  if (response.status !== 200) throw new Error(`${persona}: signing in answered ${response.status} ${(await response.text()).slice(0, 500)}`);
}
