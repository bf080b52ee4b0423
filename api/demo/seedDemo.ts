import { SYSTEM_ACTOR, recordAudit, userSummary } from '../audit/auditLog';
import { hashPassword } from '../auth/passwords';
import type { Repositories, Role, Store } from '../store/types';
import { samplingDemoStep } from '../sampling/demoSampling';
import { analysisDemoStep } from '../analysis/demoResponses';
import { paperDemoStep } from '../collection/demoPaperEntries';

/** Demo accounts, documented in the README and printed once when the demo is seeded. Never use in production. */
export const DEMO_LOGINS: readonly { username: string; password: string; role: Role; displayName: string }[] = [
  { username: 'admin', password: 'Gera-admin-2026', role: 'admin', displayName: 'Demo Administration' },
  { username: 'planner', password: 'Gera-planner-2026', role: 'planner', displayName: 'Demo Planung' },
  { username: 'staff', password: 'Gera-staff-2026', role: 'staff', displayName: 'Demo Erfassung 1' },
  { username: 'staff2', password: 'Gera-staff2-2026', role: 'staff', displayName: 'Demo Erfassung 2' },
];

/** What a seed step may need besides the store, and where it leaves lines to print once. */
export interface SeedContext {
  /** The server's data directory (e.g. for the access code secret); absent when unknown. */
  dataDir?: string;
  /** Lines for the start-up message, e.g. demo access codes that exist nowhere else. */
  notes: string[];
}

/** One step of the demo seed; later features (frame, draw, codes) append steps. */
export interface SeedStep {
  name: string;
  /** Work that needs no transaction (e.g. hashing), done before the write. */
  prepare?: () => Promise<unknown>;
  run(tx: Repositories, prepared: unknown, context: SeedContext): Promise<void>;
}

const usersStep: SeedStep = {
  name: 'demo users',
  prepare: () => Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password))),
  async run(tx, prepared) {
    const hashes = prepared as string[];
    for (const [i, login] of DEMO_LOGINS.entries()) {
      const user = await tx.users.create({ username: login.username, displayName: login.displayName, role: login.role, passwordHash: hashes[i]! });
      await recordAudit(tx.audit, SYSTEM_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        afterId: user.id,
        afterSummary: userSummary(user),
        details: { source: 'demo-seed' },
      });
    }
  },
};

export const DEMO_SEED_STEPS: readonly SeedStep[] = [usersStep, samplingDemoStep, analysisDemoStep, paperDemoStep];

/**
 * Fills an empty store (no user accounts) with the demo data in one transaction, so a failed
 * seed leaves the store empty and the next start tries again. A store with any account is left alone.
 * @returns whether it seeded, and the demo logins to print.
 */
export async function seedDemo(
  store: Store,
  steps: readonly SeedStep[] = DEMO_SEED_STEPS,
  options: { dataDir?: string } = {},
): Promise<{ seeded: boolean; logins: typeof DEMO_LOGINS; notes: string[] }> {
  const context: SeedContext = { dataDir: options.dataDir, notes: [] };
  if ((await store.users.count()) > 0) return { seeded: false, logins: DEMO_LOGINS, notes: [] };
  const prepared = await Promise.all(steps.map((s) => s.prepare?.()));
  const seeded = await store.transaction(async (tx) => {
    if ((await tx.users.count()) > 0) return false; // another process seeded meanwhile
    for (const [i, step] of steps.entries()) await step.run(tx, prepared[i], context);
    await tx.meta.set('demoSeededAt', new Date().toISOString());
    return true;
  });
  return { seeded, logins: DEMO_LOGINS, notes: seeded ? context.notes : [] };
}
