/** Who the cash-outs run between: the load customers the services seed (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS). */
export interface Population {
  clients: string[];
  agents: string[];
}

export const STAFF = {
  admin: { phone: '+2250700000001', pin: '0000' },
  operator: { phone: '+2250700000002', pin: '0000' },
} as const;

/** Every load agent's PIN. */
export const AGENT_PIN = '1234';

/** The n-th load client (n from 1): +22502 and the index on 8 digits. The only place this format lives. */
export function loadClientPhone(index: number): string {
  return `+22502${String(index).padStart(8, '0')}`;
}

/** The n-th load agent (n from 1): +22506 and the index on 8 digits. */
export function loadAgentPhone(index: number): string {
  return `+22506${String(index).padStart(8, '0')}`;
}

export function loadPopulation(clients: number, agents: number): Population {
  return {
    clients: Array.from({ length: clients }, (_, i) => loadClientPhone(i + 1)),
    agents: Array.from({ length: agents }, (_, i) => loadAgentPhone(i + 1)),
  };
}
