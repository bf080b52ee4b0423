import { SYSTEM_ACTOR, recordAudit, userSummary } from '../audit/auditLog';
import { hashPassword } from '../auth/passwords';
import { StoreBusyError, type Repositories, type Role, type Store } from '../store/types';
import { samplingDemoStep } from '../samplingWorkflow/demoSampling';
import { analysisDemoStep } from '../analysisWorkflow/demoResponses';
import { covariateDemoStep } from '../analysisWorkflow/demoCovariates';
import { paperDemoStep } from '../collection/demoPaperEntries';
import { dispositionDemoStep } from '../collection/demoDispositions';
import { secondWaveDemoStep } from '../analysisWorkflow/demoSecondWave';
import { geometryDemoStep, publicationDemoStep } from '../geography/demoGeometry';
import { paperFormDemoStep } from '../paper/demoPaperForms';
import { scanDemoStep } from '../paper/demoScans';

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

export const DEMO_SEED_STEPS: readonly SeedStep[] = [usersStep, samplingDemoStep, covariateDemoStep, geometryDemoStep, analysisDemoStep, paperDemoStep, dispositionDemoStep, publicationDemoStep, paperFormDemoStep];

/**
 * What `npm start` and `cli seed` put into an empty store: the demo above and a second wave answered with
 * questionnaire version 2 (api/analysisWorkflow/demoSecondWave.ts), so the change since wave 1 and a trend
 * break can be clicked through in Auswertung. Test servers seed DEMO_SEED_STEPS (one wave) unless they ask
 * for both waves (startTestServer({ demoWaves: true })).
 */
export const DEMO_START_STEPS: readonly SeedStep[] = [...DEMO_SEED_STEPS, secondWaveDemoStep, scanDemoStep];

/** Key of the meta entry that says which process is seeding, and since when. */
const SEED_CLAIM_KEY = 'demoSeedClaim';
/** A claim older than this is taken to be from a process that died while seeding. */
const SEED_CLAIM_LEASE_MS = 2 * 60_000;
const SEED_CLAIM_POLL_MS = 250;

/**
 * Fills an empty store (no user accounts) with the demo data in one transaction, so a failed
 * seed leaves the store empty and the next start tries again. A store with any account is left alone.
 *
 * Several instances starting together on one empty store seed once: the first claims the seed
 * in a short transaction (meta `demoSeedClaim`), the others wait with reads until accounts appear
 * instead of queueing for the write lock behind a seed that can take many seconds.
 * @returns whether it seeded, and the demo logins to print.
 */
export async function seedDemo(
  store: Store,
  steps: readonly SeedStep[] = DEMO_SEED_STEPS,
  options: { dataDir?: string; now?: () => number } = {},
): Promise<{ seeded: boolean; logins: typeof DEMO_LOGINS; notes: string[] }> {
  const now = options.now ?? Date.now;
  const context: SeedContext = { dataDir: options.dataDir, notes: [] };
  const notSeeded = { seeded: false, logins: DEMO_LOGINS, notes: [] };
  for (;;) {
    if ((await store.users.count()) > 0) return notSeeded;
    const claimFresh = (value: string | null) => {
      const since = Date.parse(value ?? '');
      return Number.isFinite(since) && now() - since < SEED_CLAIM_LEASE_MS;
    };
    // Reading first keeps waiting instances off the write lock the seeding one holds.
    const claim = claimFresh(await store.meta.get(SEED_CLAIM_KEY))
      ? ('claimed-elsewhere' as const)
      : await store
          .transaction(async (tx) => {
            if ((await tx.users.count()) > 0) return 'seeded-elsewhere' as const;
            if (claimFresh(await tx.meta.get(SEED_CLAIM_KEY))) return 'claimed-elsewhere' as const;
            await tx.meta.set(SEED_CLAIM_KEY, new Date(now()).toISOString());
            return 'mine' as const;
          })
          .catch((err: unknown) => {
            // The instance that claimed a moment ago is seeding and holds the write lock.
            if (err instanceof StoreBusyError) return 'claimed-elsewhere' as const;
            throw err;
          });
    if (claim === 'seeded-elsewhere') return notSeeded;
    if (claim === 'claimed-elsewhere') {
      await new Promise((resolve) => setTimeout(resolve, SEED_CLAIM_POLL_MS));
      continue;
    }
    try {
      const prepared = await Promise.all(steps.map((s) => s.prepare?.()));
      await store.transaction(async (tx) => {
        for (const [i, step] of steps.entries()) await step.run(tx, prepared[i], context);
        await tx.meta.set('demoSeededAt', new Date(now()).toISOString());
      });
    } catch (err) {
      // Give the claim back so the next start (or a waiting instance) can try again at once.
      await store.meta.set(SEED_CLAIM_KEY, '').catch(() => undefined);
      throw err;
    }
    return { seeded: true, logins: DEMO_LOGINS, notes: context.notes };
  }
}
