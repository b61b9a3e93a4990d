import { Connection } from 'mongoose';
import { MongoStreamStore } from '@cashout/platform/mongo';
import { WalletState } from '../domain/wallet-stream';
import { MongoLedgerRecords } from './mongo-ledger.records';
import { StreamLedgerRepository } from './stream-ledger.repository';

/** Customer wallets' lines; the wallets holding funds are the live ones, for the orphan sweep. */
const WALLET_LINES = 'wallet_lines';

/** The ledger on MongoDB: wallet streams plus the insert-once records (see StreamLedgerRepository). */
export class MongoLedgerRepository {
  static async create(connection: Connection): Promise<StreamLedgerRepository> {
    const [streams, records] = await Promise.all([
      MongoStreamStore.create<WalletState>(connection, WALLET_LINES, { live: (state) => state.holds.length > 0 }),
      MongoLedgerRecords.create(connection),
    ]);
    return new StreamLedgerRepository(streams, records, async () => (await streams.live.find({}).toArray()).map((record) => streams.headLine(record)));
  }
}
