/**
 * The daily retention job as the API server runs it: policy from the environment, the store's
 * retention operations (store.openRetentionData) for the deletions, results and failures in the
 * log (counts only, no personal data).
 *
 *   const retention = startServerRetention({ store, logger });
 *   …on shutdown: await retention.stop();
 */
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { startRetentionSchedule, type RetentionSchedule } from './retentionJob';
import { loadRetentionPolicy } from './retentionPolicy';

export interface ServerRetentionOptions {
  store: Store;
  logger: Logger;
  env?: Record<string, string | undefined>;
  /** Default hourly; tests pass a few milliseconds. */
  checkEveryMs?: number;
}

/**
 * Starts the schedule; RETENTION_* variables are validated now, so a bad value stops the start-up.
 * @throws Error naming the invalid retention variable.
 */
export function startServerRetention(o: ServerRetentionOptions): RetentionSchedule {
  const policy = loadRetentionPolicy(o.env ?? process.env);
  return startRetentionSchedule({
    store: o.store,
    policy,
    openData: () => o.store.openRetentionData(),
    checkEveryMs: o.checkEveryMs,
    onRun: (run) => {
      if (run.status !== 'applied') return;
      o.logger.info(
        {
          retention: {
            framesPurged: run.contactsPurged.length,
            contactsPurged: run.contactsPurged.reduce((a, c) => a + c.removed, 0),
            responsesDeleted: run.answers?.responses ?? 0,
            paperEntriesDeleted: run.answers?.paperEntries ?? 0,
            dispositionsDeleted: run.answers?.dispositions ?? 0,
          },
        },
        'retention applied',
      );
    },
    onError: (err) => o.logger.error({ err }, 'retention job failed; it is tried again at the next check'),
  });
}
