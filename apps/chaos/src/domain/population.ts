/**
 * Who the cash-outs run between. The services seed load customers on request
 * (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS); on a build without that, the demo customers stand in.
 */
export interface Population {
  kind: 'load' | 'demo';
  clients: string[];
  agents: string[];
}

export const STAFF = {
  admin: { phone: '+2250700000001', pin: '0000' },
  operator: { phone: '+2250700000002', pin: '0000' },
} as const;

/** Every agent's PIN, load or demo. */
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
    kind: 'load',
    clients: Array.from({ length: clients }, (_, i) => loadClientPhone(i + 1)),
    agents: Array.from({ length: agents }, (_, i) => loadAgentPhone(i + 1)),
  };
}

/** The demo clients that can cash out (the other two are suspended or nearly empty), and both demo agents. */
export const DEMO_POPULATION: Population = {
  kind: 'demo',
  clients: ['+2250100000001', '+2250100000004'],
  agents: ['+2250500000001', '+2250500000002'],
};
