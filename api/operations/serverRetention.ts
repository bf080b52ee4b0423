/**
 * The daily retention job as the API server runs it: policy from the environment, the store's
 * own adapter for the deletions, results and failures in the log (counts only, no personal data).
 *
 *   const retention = startServerRetention({ store, config, logger });
 *   …on shutdown: await retention.stop();
 */
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { sqliteRetentionData, type RetentionData } from './retentionData';
import { startRetentionSchedule, type RetentionSchedule } from './retentionJob';
import { loadRetentionPolicy } from './retentionPolicy';

export interface ServerRetentionOptions {
  store: Store;
  config: Pick<AppConfig, 'dataDir' | 'mongodbUri'>;
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
  const openData = async (): Promise<RetentionData> => {
    if (!o.config.mongodbUri) return sqliteRetentionData(o.config.dataDir);
    const { mongoRetentionData } = await import('./mongoRetentionData');
    return mongoRetentionData(o.config.mongodbUri);
  };
  return startRetentionSchedule({
    store: o.store,
    policy,
    openData,
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
