import { CliError, type CliCommand } from '../command';
import { parseOptions } from '../io';
import { loadConfig } from '../../config';
import { DEMO_START_STEPS, seedDemo } from '../../demo/seedDemo';
import { openStore } from '../../store';

const usage = `Usage: npm run --silent cli -- seed [--data-dir DIR]

Migrates the store and fills it with the demo data (demo accounts, and what later features add)
when it has no user accounts yet; a store with accounts is left unchanged.
Uses MONGODB_URI when set, otherwise SQLite in --data-dir (default: DATA_DIR or ./data).
Prints the demo logins once, when it seeded.
`;

const command: CliCommand = {
  summary: 'Migrate the store and add the demo data to an empty store',
  usage,
  async run(argv) {
    const options = parseOptions(argv, { 'data-dir': { type: 'string' } }, usage);
    let config;
    try {
      config = loadConfig({ ...process.env, ...(options['data-dir'] ? { DATA_DIR: options['data-dir'] } : {}) });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const store = await openStore(config);
    try {
      const result = await seedDemo(store, DEMO_START_STEPS, { dataDir: config.dataDir });
      if (!result.seeded) {
        process.stdout.write('The store already has user accounts; nothing seeded.\n');
        return;
      }
      process.stdout.write('Demo data seeded. Demo logins (demonstration only):\n');
      for (const l of result.logins) process.stdout.write(`  ${l.role.padEnd(8)} ${l.username.padEnd(8)} ${l.password}\n`);
      for (const note of result.notes) process.stdout.write(`${note}\n`);
    } finally {
      await store.close();
    }
  },
};

export default command;
