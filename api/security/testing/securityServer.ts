/**
 * The test server of the security suites: the real application with the demo seed, on SQLite by
 * default and on a fresh MongoDB database (dropped afterwards) when MONGODB_URI is set, plus the five
 * kinds of caller the role matrix knows — anonymous, resident (entered an access code), staff,
 * planner, admin — each as its own browser-like client.
 */
import { randomBytes } from 'node:crypto';
import { accessCodeHashSecret } from '../../secrets/accessCodeHashSecret';
import { createInvitedHouseholds, type InvitedHousehold } from '../../collection/testing/testHouseholds';
import type { Caller } from '../../http/accessControl';
import { ApiClient } from '../../testing/apiClient';
import { startTestServer, type TestServer, type TestServerOptions } from '../../testing/startTestServer';
import type { Store } from '../../store/types';

export interface SecurityServer extends TestServer {
  /** 'sqlite' or 'mongodb': which adapter the suite ran against (printed in the test titles). */
  storeKind: string;
  /** Households with plain access codes, created for the resident callers. */
  households: InvitedHousehold[];
}

/** Connection string with its own database name, so parallel suites never share data. */
function freshMongoUri(uri: string): { uri: string; dbName: string } {
  const url = new URL(uri);
  const dbName = `security_${randomBytes(6).toString('hex')}`;
  url.pathname = `/${dbName}`;
  return { uri: url.toString(), dbName };
}

export async function startSecurityServer(options: TestServerOptions & { households?: number } = {}): Promise<SecurityServer> {
  const mongo = process.env.MONGODB_URI ? freshMongoUri(process.env.MONGODB_URI) : null;
  const server = await startTestServer({ ...options, env: { ...options.env, ...(mongo ? { MONGODB_URI: mongo.uri } : {}) } });
  const households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), options.households ?? 6, ['01', '02']);
  return {
    ...server,
    storeKind: server.store.kind,
    households,
    async stop() {
      await server.stop();
      if (mongo) {
        const { dropMongoDatabase } = await import('../../store/mongo/mongoStore');
        await dropMongoDatabase(process.env.MONGODB_URI!, mongo.dbName);
      }
    },
  };
}

const PASSWORDS: Record<'staff' | 'planner' | 'admin', [string, string]> = {
  staff: ['staff', 'Gera-staff-2026'],
  planner: ['planner', 'Gera-planner-2026'],
  admin: ['admin', 'Gera-admin-2026'],
};

/**
 * A client acting as that caller: anonymous has a session and CSRF token but no code; resident
 * entered the access code of `household` (default: the first test household).
 */
export async function clientAs(server: SecurityServer, caller: Caller, household: InvitedHousehold = server.households[0]!, headers: Record<string, string> = {}): Promise<ApiClient> {
  const client = new ApiClient(server.url, headers);
  await client.session();
  if (caller === 'anonymous') return client;
  if (caller === 'resident') {
    const res = await client.post('/api/survey/enter', { code: household.code });
    if (res.status !== 200) throw new Error(`resident could not enter the code of ${household.householdId}: ${res.status} ${await res.text()}`);
    return client;
  }
  const [username, password] = PASSWORDS[caller];
  const res = await client.login(username, password);
  if (res.status !== 200) throw new Error(`${username} could not sign in: ${res.status} ${await res.text()}`);
  return client;
}

/** Row counts of everything a request could write, except session and throttle bookkeeping. */
export interface StoreCounts {
  users: number;
  audit: number;
  frames: number;
  households: number;
  contacts: number;
  draws: number;
  accessCodes: number;
  responses: number;
  paperEntries: number;
  paperHistory: number;
}

export async function storeCounts(store: Store): Promise<StoreCounts> {
  const frames = await store.frames.list();
  const draws = await store.draws.list();
  const paper = await store.paperEntries.list();
  let households = 0;
  let contacts = 0;
  for (const f of frames) {
    households += await store.households.countByFrame(f.id);
    contacts += await store.contacts.countByFrame(f.id);
  }
  let accessCodes = 0;
  for (const d of draws) accessCodes += (await store.accessCodes.listByDraw(d.id)).length;
  let paperHistory = 0;
  for (const p of paper) paperHistory += (await store.paperEntries.history(p.householdId)).length;
  return {
    users: await store.users.count(),
    audit: await store.audit.count(),
    frames: frames.length,
    households,
    contacts,
    draws: draws.length,
    accessCodes,
    responses: (await store.responses.list()).length,
    paperEntries: paper.length,
    paperHistory,
  };
}

/**
 * Audit actions a refused request may write on purpose: a lockout after repeated wrong passwords or
 * codes, and the record of a rejected frame file. Everything else written by a 4xx is a partial write.
 */
export const AUDITED_REFUSALS = new Set(['auth.lockout', 'survey.code_lockout', 'frame.import.rejected']);

/** The audit entries appended since `before` entries existed (newest first). */
export async function auditSince(store: Store, before: number): Promise<{ action: string }[]> {
  const now = await store.audit.count();
  return now > before ? store.audit.list({ limit: now - before, offset: 0 }) : [];
}
