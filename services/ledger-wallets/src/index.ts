export { LedgerWalletsModule } from './ledger-wallets.module';
export { loadLedgerConfig } from './ledger.config';
export type { LedgerConfig } from './ledger.config';
export { INTENT_REPOSITORY } from './intent.repository.port';
export type { IntentRepository } from './intent.repository.port';
export { LEDGER_REPOSITORY } from './ledger.repository.port';
export type { LedgerRepository } from './ledger.repository.port';
export { ExpiryAndSettlementSweeper } from './recover-intents/expiry-and-settlement.sweeper';
