import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@cashout/platform';
import { IntentState } from '../domain/intent';
import { holdIdFor } from '../domain/intent-saga';
import { cashOutEntry, commissionEntry, customerWalletId, systemWalletId } from '../domain/ledger';
import { HoldOutcome, LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

export type SettlementResult = { ok: true; transactionId: string; clientBalance: number } | { ok: false; reason: string };

/** The ledger side of the saga: holds on the client's funds and the postings. */
@Injectable()
export class SettlementService {
  constructor(
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  clientWalletId(state: IntentState): string | undefined {
    return state.client && customerWalletId(state.client.userId, 'MAIN', state.currency);
  }

  /** Sets amount + fees aside on the client's main wallet, iff available. */
  async holdClientFunds(state: IntentState): Promise<HoldOutcome> {
    const walletId = this.clientWalletId(state);
    if (!walletId) return { kind: 'no-wallet' };
    return this.ledger.placeHold(walletId, holdIdFor(state.id), state.amount + state.fees);
  }

  async releaseHold(state: IntentState, holdId: string): Promise<void> {
    const walletId = this.clientWalletId(state);
    if (walletId) await this.ledger.releaseHold(walletId, holdId);
  }

  /**
   * Posts client −(amount+fee), agent float +amount, fees +fee (capturing the hold), then
   * fees −commission, agent commission +commission. Entry ids derive from the intent, so a
   * retry, a redelivery or a concurrent run posts nothing twice.
   */
  async settle(state: IntentState): Promise<SettlementResult> {
    const clientWalletId = this.clientWalletId(state);
    if (!clientWalletId || !state.agent) return { ok: false, reason: 'the intent has no resolved parties' };
    const at = this.clock.now();
    const currency = state.currency;
    const agentFloat = await this.ledger.ensureWallet({
      id: customerWalletId(state.agent.userId, 'FLOAT', currency),
      kind: 'FLOAT',
      currency,
      ownerUserId: state.agent.userId,
      ownerPhone: state.agent.phone,
      allowNegative: false,
    });
    const agentCommission = await this.ledger.ensureWallet({
      id: customerWalletId(state.agent.userId, 'COMMISSION', currency),
      kind: 'COMMISSION',
      currency,
      ownerUserId: state.agent.userId,
      ownerPhone: state.agent.phone,
      allowNegative: false,
    });
    const fees = await this.ledger.ensureWallet({ id: systemWalletId('FEES', currency), kind: 'SYSTEM', currency, allowNegative: false });

    const cashOut = cashOutEntry({
      intentId: state.id,
      clientWalletId,
      agentFloatWalletId: agentFloat.id,
      feesWalletId: fees.id,
      amount: state.amount,
      fee: state.fees,
      currency,
      holdId: holdIdFor(state.id),
      at,
    });
    const posted = await this.ledger.post(cashOut);
    if (posted.kind === 'refused') return { ok: false, reason: posted.reason };

    const commission = commissionEntry({
      intentId: state.id,
      feesWalletId: fees.id,
      agentCommissionWalletId: agentCommission.id,
      commission: state.commission,
      currency,
      at,
    });
    if (commission) {
      const paid = await this.ledger.post(commission);
      // The cash-out stands even if the commission is refused; the refusal is a bug to see.
      if (paid.kind === 'refused') throw new Error(`commission of intent ${state.id} refused: ${paid.reason}`);
    }
    const client = await this.ledger.findWallet(clientWalletId);
    return { ok: true, transactionId: cashOut.id, clientBalance: client?.balance ?? 0 };
  }
}
