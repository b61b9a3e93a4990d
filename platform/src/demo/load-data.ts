import { DemoUser } from './demo-data';

/**
 * Load data (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS): many ordinary customers for load and
 * chaos runs, in the shapes of the demo data, so each service seeds its part of them the
 * same way. Phones and user ids derive from the index alone, so every service (and every
 * instance of one) agrees on them without talking to the others.
 */
export interface LoadSeed {
  clients: number;
  agents: number;
}

export const NO_LOAD: LoadSeed = { clients: 0, agents: 0 };

export const LOAD_CLIENT_PIN = '1111';
export const LOAD_AGENT_PIN = '1234';
export const LOAD_CLIENT_MAIN_BALANCE = 10_000_000;

const index8 = (index: number): string => String(index).padStart(8, '0');

/** +22502 and the 8-digit index: +2250200000001 for index 1. */
export const loadClientPhone = (index: number): string => `+22502${index8(index)}`;
/** +22506 and the 8-digit index: +2250600000001 for index 1. */
export const loadAgentPhone = (index: number): string => `+22506${index8(index)}`;

export function loadClient(index: number): DemoUser {
  return {
    userId: `usr-load-client-${index8(index)}`,
    role: 'CLIENT',
    phone: loadClientPhone(index),
    pin: LOAD_CLIENT_PIN,
    profile: { kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP', whitelisted: true },
    wallets: { MAIN: LOAD_CLIENT_MAIN_BALANCE },
  };
}

/** Agents get their wallets as the demo agents do: FLOAT and COMMISSION, both at 0. */
export function loadAgent(index: number): DemoUser {
  return {
    userId: `usr-load-agent-${index8(index)}`,
    role: 'AGENT',
    phone: loadAgentPhone(index),
    pin: LOAD_AGENT_PIN,
    profile: { kycTier: 2, status: 'ACTIVE', whitelisted: false },
    wallets: { FLOAT: 0, COMMISSION: 0 },
  };
}

/** Clients 1..clients, then agents 1..agents. */
export function loadUsers(seed: LoadSeed): DemoUser[] {
  const clients = Array.from({ length: seed.clients }, (_, i) => loadClient(i + 1));
  const agents = Array.from({ length: seed.agents }, (_, i) => loadAgent(i + 1));
  return [...clients, ...agents];
}

/**
 * Runs `work` over `items`, at most `concurrency` at a time: seeding thousands of users one
 * by one would be slow on a real database, all at once would flood it.
 */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
