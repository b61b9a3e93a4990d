import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { cashOutEntry, commissionEntry, customerWalletId, systemWalletId } from '../domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';
import { PostCashOutCommand } from './post-cash-out.command';

/**
 * Posts the cash-out (client −(amount + fee) capturing the hold, agent float +amount, fees
 * +fee), then the commission (fees −commission, agent commission +commission). Entry ids
 * derive from the intent, so a redelivery, a resend or a concurrent run posts nothing twice
 * and finishes whatever a crash left half-way.
 */
@CommandHandler(PostCashOutCommand)
export class PostCashOutHandler implements ICommandHandler<PostCashOutCommand> {
  private readonly logger = new Logger(PostCashOutHandler.name);

  constructor(
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: PostCashOutCommand): Promise<void> {
    const { intentId, stepId, clientWalletId, holdId, agent, amount, fee, commission, currency } = message.payload;
    const at = this.clock.now();
    const owner = { ownerUserId: agent.userId, ownerPhone: agent.phone, currency, allowNegative: false };
    const float = { id: customerWalletId(agent.userId, 'FLOAT', currency), kind: 'FLOAT' as const, ...owner };
    const commissionWallet = { id: customerWalletId(agent.userId, 'COMMISSION', currency), kind: 'COMMISSION' as const, ...owner };
    const fees = { id: systemWalletId('FEES', currency), kind: 'SYSTEM' as const, currency, allowNegative: false };
    // Insert-once each: an agent's wallets open with its first cash-out.
    await Promise.all([float, commissionWallet, fees].map((wallet) => this.ledger.openWallet(wallet)));

    const cashOut = cashOutEntry({ intentId, clientWalletId, agentFloatWalletId: float.id, feesWalletId: fees.id, amount, fee, currency, holdId, at });
    const posted = await this.ledger.post(cashOut);
    if (posted.kind === 'refused') {
      this.logger.warn(`cash-out of intent ${intentId} refused: ${posted.reason}`);
      await this.bus.publish([this.messages.reply(message, 'CashOutRefused', { intentId, stepId, reason: posted.reason }, intentId)]);
      return;
    }
    const pay = commissionEntry({ intentId, feesWalletId: fees.id, agentCommissionWalletId: commissionWallet.id, commission, currency, at });
    if (pay) {
      const paid = await this.ledger.post(pay);
      // The cash-out stands; a refused commission is a bug to fix, so the message is retried, then dead-lettered.
      if (paid.kind === 'refused') throw new Error(`commission of intent ${intentId} refused: ${paid.reason}`);
    }
    // The client's balance right after this cash-out's debit, as that line recorded it.
    const clientBalance = posted.debitedBalance ?? (await this.ledger.findWallet(clientWalletId))?.balance ?? 0;
    await this.bus.publish([this.messages.reply(message, 'CashOutPosted', { intentId, stepId, transactionId: cashOut.id, clientBalance }, intentId)]);
  }
}
