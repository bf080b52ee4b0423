import { randomBytes } from 'node:crypto';
import { dropMongoDatabase, openMongoStore } from '../mongo/mongoStore';

/**
 * How the store contract suite runs against a MongoDB server: one fresh database per test,
 * dropped afterwards; rollback is only asserted when the server supports transactions.
 */
export async function mongoContractAdapter(uri: string) {
  const probe = await openMongoStore({ uri, dbName: `contract_probe_${randomBytes(4).toString('hex')}` });
  const atomicTransactions = probe.atomicTransactions;
  await probe.close();
  return {
    name: 'mongodb',
    atomicTransactions,
    location: () => `contract_${randomBytes(6).toString('hex')}`,
    open: (dbName: string) => openMongoStore({ uri, dbName }),
    dispose: (dbName: string) => dropMongoDatabase(uri, dbName),
  };
}
