/**
 * Property-based fuzzing of every route in the access-control table (the list is never repeated
 * here): random JSON, mutated example bodies with operator objects and prototype-pollution keys,
 * 10,000-deep nesting, bodies over the 1 MB limit, wrong content types and charsets, odd query
 * strings and path parameters. Each answer must be below 500; a 4xx must carry the API's error
 * body `{ error, details?: [{ path, message }] }`; a refused state-changing request must leave every
 * store count unchanged (only the audited refusals of AUDITED_REFUSALS may be appended).
 * Used by fuzz.test.ts (small budget, part of `npm test`) and fuzz.resilience.ts (large budget).
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import fc from 'fast-check';
import { ACCESS_RULES, CALLERS, mayCall, type AccessRule, type Caller } from '../../http/accessControl';
import type { ApiClient } from '../../testing/apiClient';
import { DEEP, deepArrayJson, deepObjectJson, mutatedBody, toJsonText, pathSegment, queryString, randomJsonText } from './hostileInput';
import { auditSince, AUDITED_REFUSALS, clientAs, startSecurityServer, storeCounts, type SecurityServer } from './securityServer';

export interface FuzzBudget {
  /** Random JSON documents per state-changing route. */
  randomBodies: number;
  /** Mutations of the example body per route that has one. */
  mutatedBodies: number;
  /** Random query strings and path parameters per GET route. */
  queries: number;
  /** fast-check seed, printed on failure so a run can be repeated. */
  seed?: number;
}

/** Well-formed example bodies the mutations start from (routes without one get random JSON only). */
function exampleBodies(): Record<string, unknown> {
  return {
    'POST /api/auth/login': { username: 'nobody-here', password: 'wrong-password' },
    'POST /api/admin/users': { username: 'fuzz-user', displayName: 'Fuzz', role: 'staff', password: 'Fuzz-password-2026' },
    'PATCH /api/admin/users/:id': { displayName: 'Fuzz Ziel' },
    'POST /api/admin/users/:id/password': { password: 'Fuzz-password-2026' },
    'POST /api/sampling/imports': { uploadId: '0'.repeat(32), name: 'x', mapping: { householdId: 'id', district: 'd', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c' } },
    'POST /api/sampling/frames/:id/purge-contacts': { confirm: true },
    'POST /api/sampling/allocations/preview': { frameId: 'f', method: 'proportional', n: 50, min: { '01': 1 } },
    'POST /api/sampling/draws': { frameId: 'f', method: 'srswor', allocation: { '01': 1 }, seed: 1 },
    'POST /api/sampling/draws/:id/reserve-release': { batch: { '01': 1 } },
    'POST /api/sampling/draws/:id/letters': { format: 'csv', reissue: false },
    'POST /api/sampling/draws/:id/codes': { reissue: false },
    'POST /api/survey/enter': { code: 'ABCD-EFGH-JKMN-PQ' },
    'PUT /api/survey/draft': { answers: { children_count: 2, comment: 'Spielplatz' }, page: 0 },
    'POST /api/survey/submit': { answers: { children_count: 2, adults_count: 2, single_parent: 2, youngest_child_age: 3 } },
    'POST /api/paper/lookup': { code: 'ABCD-EFGH-JKMN-PQ' },
    'PUT /api/paper/entries/:householdId': { answers: { children_count: 1, comment: 'Papier' } },
    'POST /api/paper/reconcile/:householdId': { revision: 1, resolutions: { children_count: { choice: 'corrected', value: 1 } } },
  };
}

/** Query names the GET routes know, so the fuzzer also hits the validated ones. */
const QUERY_NAMES = ['drawId', 'lang', 'dialect', 'wave', 'limit', 'offset', 'frameId', 'language'];

/** The caller that may use the route; admin where several may. */
function callerFor(rule: AccessRule): Caller {
  for (const c of ['admin', 'resident', 'anonymous', 'staff', 'planner'] as const) if (mayCall(rule.access, c)) return c;
  throw new Error(`nobody may call ${rule.method} ${rule.path}`);
}

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Sends exactly these bytes and headers with the client's cookie and CSRF token. */
async function raw(client: ApiClient, method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await client.sendBytes(method, path, body, headers);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The API's error body, or a failed assertion naming the request. */
export function expectErrorBody(res: RawResponse, what: string): { error: string; details?: { path: string; message: string }[] } {
  expect(res.contentType, `${what}: ${res.status} answered ${res.contentType}`).to.match(/^application\/json/);
  const body = JSON.parse(res.text) as { error: unknown; details?: unknown };
  expect(body.error, `${what}: ${res.text.slice(0, 300)}`).to.be.a('string').and.not.equal('');
  if (body.details !== undefined) {
    expect(body.details, what).to.be.an('array');
    for (const d of body.details as unknown[]) {
      expect(d, `${what}: detail`).to.have.property('path').that.is.a('string');
      expect(d, `${what}: detail`).to.have.property('message').that.is.a('string');
    }
  }
  return body as { error: string; details?: { path: string; message: string }[] };
}

export function describeHttpFuzz(title: string, budget: FuzzBudget): void {
  describe(title, function () {
    this.timeout(0);
    let server: SecurityServer;
    const clients = {} as Record<Caller, ApiClient>;
    let params: Record<string, string> = {};
    let knownValues: string[] = [];
    let examples: Record<string, unknown> = {};
    const statuses = new Map<string, Map<number, number>>();

    before(async function () {
      this.timeout(120_000);
      // Thousands of wrong passwords from one address must not lock the test's own sign-ins.
      server = await startSecurityServer({ env: { LOGIN_MAX_FAILURES_PER_IP: '1000000' } });
      for (const caller of CALLERS) clients[caller] = await clientAs(server, caller);
      const created = await clients.admin.post('/api/admin/users', { username: 'fuzz-target', displayName: 'Fuzz Ziel', role: 'staff', password: 'Fuzz-target-2026' });
      const target = ((await created.json()) as { user: { id: string } }).user.id;
      const roster = (await server.store.roster.get(server.households[1]!.householdId))!;
      // The demo draw (a real import and draw) for draw routes; the test frame (no demo data) for frame routes such as the purge.
      const demoDraw = (await server.store.draws.list()).find((d) => d.frameId !== roster.frameId)!;
      params = { '/api/admin/users/': target, '/api/sampling/frames/': roster.frameId, '/api/sampling/draws/': demoDraw.id, ':householdId': server.households[1]!.householdId };
      examples = exampleBodies();
      knownValues = [demoDraw.id, demoDraw.frameId, 'en', 'excel-de', '1'];
    });
    after(async () => {
      if (process.env.FUZZ_REPORT) {
        for (const [route, counts] of statuses) console.log(`      ${route}: ${[...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      }
      await server?.stop();
    });

    /** A real id for the route's parameter (to reach the service) or a fuzzed one. */
    const concrete = (rule: AccessRule, fuzzed: string | null) =>
      rule.path.replace(/:(\w+)/g, (_m, name: string) => {
        if (fuzzed !== null) return fuzzed;
        const key = name === 'householdId' ? ':householdId' : Object.keys(params).find((prefix) => rule.path.startsWith(prefix));
        return key ? params[key]! : `no-such-${name}`;
      });

    /** Sends one request and checks status, error body and (for refused writes) the store counts. */
    async function check(rule: AccessRule, client: ApiClient, path: string, body: string | Buffer | undefined, headers: Record<string, string>, what: string): Promise<RawResponse> {
      const writes = rule.method !== 'GET';
      const before = writes ? await storeCounts(server.store) : null;
      const res = await raw(client, rule.method, path, body, headers);
      const route = `${rule.method} ${rule.path}`;
      const counts = statuses.get(route) ?? new Map<number, number>();
      counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
      statuses.set(route, counts);
      const label = `${route} ${what} (path ${path.slice(0, 120)}, body ${String(body ?? '').slice(0, 200)})`;
      expect(res.status, `${label} → ${res.text.slice(0, 300)}`).to.be.below(500);
      if (res.status >= 400) expectErrorBody(res, label);
      if (before && res.status >= 400) {
        const after = await storeCounts(server.store);
        const appended = await auditSince(server.store, before.audit);
        expect(appended.filter((e) => !AUDITED_REFUSALS.has(e.action)).map((e) => e.action), `${label}: audit written by a refused request`).to.deep.equal([]);
        expect({ ...after, audit: 0 }, `${label}: partial write`).to.deep.equal({ ...before, audit: 0 });
      }
      return res;
    }

    const json = { 'content-type': 'application/json' };
    const fuzzParam = (rule: AccessRule) => (rule.path.includes(':') ? fc.option(pathSegment, { freq: 2 }) : fc.constant(null));

    for (const rule of ACCESS_RULES) {
      const route = `${rule.method} ${rule.path}`;
      const caller = callerFor(rule);
      // Logging out ends the session it is sent with: every logout fuzz case gets a fresh anonymous session.
      const clientFor = async () => (rule.path === '/api/auth/logout' ? clientAs(server, 'anonymous') : clients[caller]);

      if (rule.method === 'GET') {
        it(`${route} (as ${caller}): random query strings and path parameters → < 500, error body on 4xx`, async () => {
          await fc.assert(
            fc.asyncProperty(queryString(QUERY_NAMES, knownValues), fuzzParam(rule), async (query, param) => {
              await check(rule, await clientFor(), `${concrete(rule, param)}?${query}`, undefined, {}, `query ${query}`);
            }),
            { numRuns: budget.queries, seed: budget.seed },
          );
        });
        continue;
      }

      if (rule.body === 'raw') continue; // the frame upload takes a file: fuzzed in importFuzz.test.ts

      it(`${route} (as ${caller}): random JSON, mutated bodies, deep nesting, oversize, wrong content types → < 500, no partial write`, async () => {
        await fc.assert(
          fc.asyncProperty(randomJsonText, fuzzParam(rule), async (body, param) => {
            await check(rule, await clientFor(), concrete(rule, param), body, json, 'random JSON');
          }),
          { numRuns: budget.randomBodies, seed: budget.seed },
        );
        const example = examples[route];
        if (example !== undefined) {
          await fc.assert(
            fc.asyncProperty(mutatedBody(example), async (body) => {
              await check(rule, await clientFor(), concrete(rule, null), body, json, 'mutated example');
            }),
            { numRuns: budget.mutatedBodies, seed: budget.seed },
          );
        }
        const path = concrete(rule, null);
        const base = example ?? {};
        const fixed: [string, string | Buffer, Record<string, string>, number[]][] = [
          ['10,000 nested arrays', deepArrayJson(10_000), json, [400, 404, 409, 422]],
          ['10,000 nested objects', deepObjectJson(10_000), json, [400, 404, 409, 422]],
          ['10,000-deep value in the example', toJsonText(withFirstLeaf(base, DEEP)), json, [400, 404, 409, 422]],
          ['body over 1 MB', JSON.stringify({ ...(base as object), padding: 'x'.repeat(1_100_000) }), json, [413]],
          ['invalid JSON', '{"answers": {', json, [400]],
          ['300 levels of nesting', deepObjectJson(300), json, [400]],
          ['text/plain', JSON.stringify(base), { 'content-type': 'text/plain' }, [415]],
          ['form-encoded', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' }, [415]],
          ['Latin-1 charset', JSON.stringify(base), { 'content-type': 'application/json; charset=latin1' }, [415]],
          ['gzip header on plain bytes', JSON.stringify(base), { ...json, 'content-encoding': 'gzip' }, [400]],
          ['unknown content encoding', JSON.stringify(base), { ...json, 'content-encoding': 'x-compress' }, [415]],
          ['gzip bomb (2 MB inflated)', gzipSync(JSON.stringify({ ...(base as object), padding: ' '.repeat(2_000_000) })), { ...json, 'content-encoding': 'gzip' }, [413]],
          ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]), json, [400, 404, 409, 415, 422]],
          ['JSON null', 'null', json, [400, 404, 409, 422]],
          ['prototype pollution', '{"__proto__":{"polluted":"yes","role":"admin"},"constructor":{"prototype":{"polluted":"yes"}}}', json, [400, 404, 409, 422]],
        ];
        for (const [what, body, headers, expected] of fixed) {
          const res = await check(rule, await clientFor(), path, body, headers, what);
          // Routes that take no body (logout, open link) may simply ignore a well-formed one.
          const strict = expected.length === 1;
          if (res.status < 400 && !strict) continue;
          expect(res.status, `${route} ${what}: ${res.text.slice(0, 300)}`).to.be.oneOf(expected);
        }
        expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
        expect(Object.keys(Object.prototype)).to.deep.equal([]);
      });
    }

    it('no request polluted Object.prototype of the server process', () => {
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(({} as Record<string, unknown>).role).to.equal(undefined);
    });
  });
}

/** The template with its first leaf value replaced (or `{ a: value }` when it has none). */
function withFirstLeaf(template: unknown, value: unknown): unknown {
  if (template === null || typeof template !== 'object') return { a: value };
  const copy = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (;;) {
    const key = Object.keys(node)[0];
    if (key === undefined) return { ...copy, a: value };
    const next = node[key];
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      node[key] = value;
      return copy;
    }
  }
}
