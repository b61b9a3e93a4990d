import { cashOutEntry, customerWalletId, JournalEntry, Posting, systemWalletId } from '../../src/domain/ledger';

/** Wallets, postings and entries shared by the ledger's unit tests and its contract suite. */
export const XOF = 'XOF';
export const AT = new Date('2026-01-15T10:00:00.000Z');
export const FUNDING = systemWalletId('FUNDING', XOF);
export const FEES = systemWalletId('FEES', XOF);
export const CLIENT = customerWalletId('usr-client-0001', 'MAIN', XOF);
export const FLOAT = customerWalletId('usr-agent-0001', 'FLOAT', XOF);
export const COMMISSION = customerWalletId('usr-agent-0001', 'COMMISSION', XOF);

export const posting = (walletId: string, amount: number, currency = XOF): Posting => ({ walletId, amount, currency });

export function anEntry(id: string, postings: Posting[], overrides: Partial<JournalEntry> = {}): JournalEntry {
  return { id, kind: 'OPENING', postings, createdAt: AT.toISOString(), ...overrides };
}

export const aCashOut = (intentId = 'intent-1', amount = 10_000, fee = 250) =>
  cashOutEntry({
    intentId,
    clientWalletId: CLIENT,
    agentFloatWalletId: FLOAT,
    feesWalletId: FEES,
    amount,
    fee,
    currency: XOF,
    holdId: `hold-cashout-${intentId}`,
    at: AT,
  });
