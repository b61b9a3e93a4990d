import { FEE_BANDS } from './fees';
import { Population } from './population';
import { Random, derivedRandom } from './seeded-random';

export type Channel = 'CMMS' | 'MOBILE_PRO';

/** Requests a flow sends a second time, as a client on a bad network (or a double tap) does. */
export const RESENDS = [
  /** POST /intents again with the same Idempotency-Key: must answer the same intent. */
  'create-same-key',
  /** POST /intents again with another key: a second intent, which is then left to expire. */
  'create-new-key',
  /** send-otp again (a resend): the first OTP dies, the latest one must be the one that works. */
  'send-otp-again',
  /** The same OTP posted twice. */
  'verify-otp-again',
  /** The PIN posted twice. */
  'verify-pin-again',
  /** Two confirms at once, without a key: at most one debit. */
  'confirm-twice',
  /** Confirm again with the same Idempotency-Key. */
  'confirm-same-key',
] as const;
export type Resend = (typeof RESENDS)[number];

export const ABANDON_POINTS = ['create', 'send-otp', 'verify-otp', 'verify-pin'] as const;
export type AbandonPoint = (typeof ABANDON_POINTS)[number];

export interface FlowPlan {
  index: number;
  channel: Channel;
  clientPhone: string;
  agentPhone: string;
  amount: number;
  resends: Resend[];
  /** The step after which the flow walks away: the intent must then expire, compensated. */
  abandonAfter?: AbandonPoint;
  /** The gateway the flow starts on; it moves to another when that one does not answer. */
  gateway: number;
}

export interface MixOptions {
  seed: number;
  population: Population;
  gateways: number;
  /** Share of flows an agent runs from Mobile Pro (the others: an operator in the CMMS). */
  mobileProShare: number;
  /** Probability that each request that can be re-sent is re-sent. */
  resendShare: number;
  /** Share of flows abandoned part-way. */
  abandonShare: number;
}

/** Bands (by index in FEE_BANDS) and their weights: mostly small cash-outs, as in the field. */
const BAND_WEIGHTS = [35, 30, 20, 10, 5];

function pickAmount(random: Random, weights: readonly number[]): number {
  let roll = random.int(
    1,
    weights.reduce((sum, weight) => sum + weight, 0),
  );
  let band = 0;
  while (roll > weights[band]) {
    roll -= weights[band];
    band += 1;
  }
  const { min, max } = FEE_BANDS[band];
  // Band edges on purpose now and then: an off-by-one in the tariff shows there first.
  if (random.chance(0.15)) return random.pick([min, max]);
  return random.int(min, max);
}

/** One flow of the run, decided by the seed and its index alone (not by what ran before). */
export function planFlow(index: number, options: MixOptions): FlowPlan {
  const random = derivedRandom(options.seed, 'flow', index);
  const channel: Channel = random.chance(options.mobileProShare) ? 'MOBILE_PRO' : 'CMMS';
  const clientPhone = random.pick(options.population.clients);
  const agentPhone = random.pick(options.population.agents);
  const amount = pickAmount(random, BAND_WEIGHTS);
  const resends = RESENDS.filter(() => random.chance(options.resendShare));
  const abandon = random.chance(options.abandonShare) ? random.pick(ABANDON_POINTS) : undefined;
  return {
    index,
    channel,
    clientPhone,
    agentPhone,
    amount,
    resends,
    ...(abandon ? { abandonAfter: abandon } : {}),
    gateway: random.int(0, Math.max(0, options.gateways - 1)),
  };
}
