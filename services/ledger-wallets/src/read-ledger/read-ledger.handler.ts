import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WalletView } from '@cashout/shared-contracts';
import { isPublic, resolveAgentFromIntent, toView } from '../domain/intent';
import { auditJournal } from '../domain/journal-audit';
import { available, reconcile, Wallet } from '../domain/ledger';
import { INTENT_REPOSITORY, IntentRepository } from '../intent.repository.port';
import { IntentSagaWorkflow } from '../intent-saga.workflow';
import { listIntents } from '../list-intents/list-intents';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';
import { ReadLedgerQuery } from './read-ledger.query';

const toWalletView = (wallet: Wallet): WalletView => ({
  walletId: wallet.id,
  kind: wallet.kind === 'SYSTEM' ? 'MAIN' : wallet.kind,
  currency: wallet.currency,
  balance: wallet.balance,
  available: available(wallet),
});

const KIND_ORDER = { MAIN: 0, FLOAT: 1, COMMISSION: 2, SYSTEM: 3 } as const;

/** Read-side answers for the gateway: intents, wallets, reconciliation. */
@QueryHandler(ReadLedgerQuery)
export class ReadLedgerHandler implements IQueryHandler<ReadLedgerQuery> {
  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    private readonly workflow: IntentSagaWorkflow,
  ) {}

  async execute({ message }: ReadLedgerQuery): Promise<void> {
    switch (message.type) {
      case 'GetIntent': {
        const { intentId, actor } = message.payload;
        const intent = await this.intents.findById(intentId);
        if (!intent || !isPublic(intent.phase)) {
          return this.workflow.answer(message, { kind: 'error', error: { code: 'NOT_FOUND', message: `intent ${intentId} not found` } });
        }
        const access = resolveAgentFromIntent(intent, actor);
        if ('code' in access) return this.workflow.answer(message, { kind: 'error', error: access });
        return this.workflow.answer(message, { kind: 'intent', intent: toView(intent) });
      }
      case 'ListIntents':
        return this.workflow.answer(message, await listIntents(this.intents, message.payload));
      case 'GetWallets': {
        const filter = 'phone' in message.payload ? { ownerPhone: message.payload.phone } : { ownerUserId: message.payload.ownerUserId };
        const wallets = (await this.ledger.walletsOf(filter)).filter((wallet) => wallet.kind !== 'SYSTEM');
        if (wallets.length === 0 && 'ownerPhone' in filter) {
          return this.workflow.answer(message, {
            kind: 'error',
            error: { code: 'NOT_FOUND', message: `no wallets for phone ${filter.ownerPhone}` },
          });
        }
        wallets.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.currency.localeCompare(b.currency));
        return this.workflow.answer(message, { kind: 'wallets', wallets: wallets.map(toWalletView) });
      }
      case 'GetReconciliation': {
        const wallets = await this.ledger.allWallets();
        const entries = await this.ledger.allEntries();
        // `balanced` stays about sums; `intact` says whether the journal's hash chains hold.
        const chain = auditJournal(await this.ledger.journalEvidence(), entries);
        const report = { ...reconcile(wallets, entries), intact: chain.brokenCount === 0, chain };
        return this.workflow.answer(message, { kind: 'reconciliation', report });
      }
    }
  }
}
