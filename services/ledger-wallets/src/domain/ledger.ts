/** Wallet kinds: customers' MAIN, agents' FLOAT and COMMISSION, and the house's SYSTEM. */
export type LedgerWalletKind = 'MAIN' | 'FLOAT' | 'COMMISSION' | 'SYSTEM';

export interface Wallet {
  id: string;
  kind: LedgerWalletKind;
  currency: string;
  ownerUserId?: string;
  ownerPhone?: string;
  /** Only the house's funding wallet may go negative: it is where e-money is issued. */
  allowNegative: boolean;
  balance: number;
  /** Funds set aside by holds, by hold id; available = balance - sum(holds). */
  holds: Record<string, number>;
}

export interface Posting {
  walletId: string;
  amount: number;
  currency: string;
}

/** An immutable, append-only journal entry; its id makes it exactly-once. */
export interface JournalEntry {
  id: string;
  kind: 'OPENING' | 'CASH_OUT' | 'COMMISSION' | 'REVERSAL';
  intentId?: string;
  postings: Posting[];
  /** A hold this entry captures on its debit side (the cash-out's hold on the client). */
  capturesHoldId?: string;
  createdAt: string;
}

export const systemWalletId = (name: 'FUNDING' | 'FEES', currency: string) => `sys-${name.toLowerCase()}-${currency}`;
export const customerWalletId = (userId: string, kind: Exclude<LedgerWalletKind, 'SYSTEM'>, currency: string) =>
  `wlt-${userId}-${kind.toLowerCase()}-${currency}`;

export const available = (wallet: Wallet): number => wallet.balance - Object.values(wallet.holds).reduce((sum, amount) => sum + amount, 0);

/** Double entry: the postings of an entry sum to zero per currency, all integers. */
export function entryProblems(entry: JournalEntry): string[] {
  const problems: string[] = [];
  if (entry.postings.length < 2) problems.push('an entry needs at least two postings');
  const sums = new Map<string, number>();
  for (const posting of entry.postings) {
    if (!Number.isSafeInteger(posting.amount) || posting.amount === 0) {
      problems.push(`posting to ${posting.walletId} must be a non-zero integer`);
    }
    sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
  }
  for (const [currency, sum] of sums) if (sum !== 0) problems.push(`postings in ${currency} sum to ${sum}, not 0`);
  return problems;
}

/** The net movement an entry makes on each wallet (one wallet may appear in several postings). */
export function netByWallet(entry: JournalEntry): Map<string, { amount: number; currency: string }> {
  const net = new Map<string, { amount: number; currency: string }>();
  for (const posting of entry.postings) {
    const current = net.get(posting.walletId);
    if (current && current.currency !== posting.currency) {
      net.set(posting.walletId, { amount: Number.NaN, currency: posting.currency });
    } else {
      net.set(posting.walletId, { amount: (current?.amount ?? 0) + posting.amount, currency: posting.currency });
    }
  }
  return net;
}

/** The cash-out: client −(amount+fee), agent float +amount, fee revenue +fee. */
export function cashOutEntry(args: {
  intentId: string;
  clientWalletId: string;
  agentFloatWalletId: string;
  feesWalletId: string;
  amount: number;
  fee: number;
  currency: string;
  holdId?: string;
  at: Date;
}): JournalEntry {
  const postings: Posting[] = [
    { walletId: args.clientWalletId, amount: -(args.amount + args.fee), currency: args.currency },
    { walletId: args.agentFloatWalletId, amount: args.amount, currency: args.currency },
  ];
  if (args.fee > 0) postings.push({ walletId: args.feesWalletId, amount: args.fee, currency: args.currency });
  const entry: JournalEntry = { id: `cashout-${args.intentId}`, kind: 'CASH_OUT', intentId: args.intentId, postings, createdAt: args.at.toISOString() };
  if (args.holdId) entry.capturesHoldId = args.holdId;
  return entry;
}

/** The agent's commission: fee revenue −commission, agent commission wallet +commission. */
export function commissionEntry(args: {
  intentId: string;
  feesWalletId: string;
  agentCommissionWalletId: string;
  commission: number;
  currency: string;
  at: Date;
}): JournalEntry | undefined {
  if (args.commission <= 0) return undefined;
  return {
    id: `commission-${args.intentId}`,
    kind: 'COMMISSION',
    intentId: args.intentId,
    postings: [
      { walletId: args.feesWalletId, amount: -args.commission, currency: args.currency },
      { walletId: args.agentCommissionWalletId, amount: args.commission, currency: args.currency },
    ],
    createdAt: args.at.toISOString(),
  };
}

export interface ReconciliationReport {
  balanced: boolean;
  walletsChecked: number;
  mismatches: Array<{ walletId: string; balance: number; postings: number }>;
  totalsByCurrency: Record<string, number>;
}

/** Every wallet's balance equals the sum of its postings, and the ledger sums to zero. */
export function reconcile(wallets: Wallet[], entries: JournalEntry[]): ReconciliationReport {
  const sums = new Map<string, number>();
  const totalsByCurrency: Record<string, number> = {};
  for (const entry of entries) {
    for (const posting of entry.postings) {
      sums.set(posting.walletId, (sums.get(posting.walletId) ?? 0) + posting.amount);
      totalsByCurrency[posting.currency] = (totalsByCurrency[posting.currency] ?? 0) + posting.amount;
    }
  }
  const mismatches = wallets
    .map((wallet) => ({ walletId: wallet.id, balance: wallet.balance, postings: sums.get(wallet.id) ?? 0 }))
    .filter((row) => row.balance !== row.postings);
  const orphanWallets = [...sums.keys()].filter((id) => !wallets.some((wallet) => wallet.id === id));
  for (const walletId of orphanWallets) mismatches.push({ walletId, balance: 0, postings: sums.get(walletId) ?? 0 });
  const negative = wallets.some((wallet) => !wallet.allowNegative && wallet.balance < 0);
  return {
    balanced: mismatches.length === 0 && !negative && Object.values(totalsByCurrency).every((total) => total === 0),
    walletsChecked: wallets.length,
    mismatches,
    totalsByCurrency,
  };
}
