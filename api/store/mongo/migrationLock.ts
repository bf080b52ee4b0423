import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';

/** The one document that says which instance is migrating, and until when its lease holds. */
interface LockDoc {
  _id: string;
  owner: string;
  lockedUntil: Date;
}

const LOCK_ID = 'schema-migrations';

export interface MigrationLockOptions {
  /** A lease older than this belongs to an instance that died while migrating. Default 10 min. */
  leaseMs?: number;
  /** Pause between attempts while another instance holds the lock. Default 500 ms. */
  pollMs?: number;
  /** Give up after this long. Default 15 min. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Runs `work` while holding the migration lease in the `migration_lock` collection, so that
 * several instances starting together against one replica set migrate once: one takes the lease
 * with an atomic upsert (the unique `_id` refuses a second holder), the others wait and then find
 * nothing pending. A lease that outlives `leaseMs` is taken over, so a crash does not block starts
 * for ever; migrations are idempotent (index creation) in case that happens mid-way.
 * @throws Error when the lease could not be obtained within `timeoutMs`.
 */
export async function withMigrationLock<T>(conn: Connection, work: () => Promise<T>, options: MigrationLockOptions = {}): Promise<T> {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 500;
  const giveUpAt = now() + (options.timeoutMs ?? 15 * 60_000);
  const owner = randomUUID();
  const locks = conn.db!.collection<LockDoc>('migration_lock');
  for (;;) {
    try {
      // Matches only a free (expired) lease; otherwise the upsert collides with the holder's _id.
      await locks.findOneAndUpdate(
        { _id: LOCK_ID, lockedUntil: { $lt: new Date(now()) } },
        { $set: { owner, lockedUntil: new Date(now() + leaseMs) } },
        { upsert: true },
      );
      break;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
    if (now() > giveUpAt) throw new Error('another instance has been migrating the MongoDB store for too long; start again when it has finished');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await work();
  } finally {
    await locks.deleteOne({ _id: LOCK_ID, owner });
  }
}
