/**
 * The authorisation matrix: every route the application registers × every kind of caller
 * (anonymous, resident with an access code, staff, planner, admin), checked against the one table
 * in accessControl.ts. The routes are read from the running Express application, so a route that
 * bypasses the table, or a table entry without a route, fails here.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { clientAs, startSecurityServer, type SecurityServer } from '../security/testing/securityServer';
import type { ApiClient } from '../testing/apiClient';
import { ACCESS_RULES, CALLERS, mayCall, type AccessRule, type Caller, type HttpMethod } from './accessControl';

interface RegisteredRoute {
  method: string;
  path: string | RegExp;
}

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
}

/**
 * Every route in the application's router tree. Routers are mounted without a path prefix (the
 * table holds full paths); a router mounted under a prefix would make the declared paths wrong,
 * so it is reported instead of guessed.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
      } else if (layer.handle?.stack) {
        if (!layer.slash) throw new Error('a router is mounted under a path prefix: declare its routes with full paths and mount it at /');
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

const NOT_SIGNED_IN = 'Bitte melden Sie sich an.';
const FORBIDDEN = 'Für diese Aktion fehlt Ihnen die Berechtigung.';
const NO_SURVEY = 'Bitte geben Sie zuerst Ihren Zugangscode ein.';

/** A concrete URL for a declared path: parameters get ids that exist nowhere. */
const concretePath = (rule: AccessRule) => rule.path.replace(/:(\w+)/g, (_m, name: string) => `no-such-${name.toLowerCase()}`);

describe('authorisation matrix: every route × anonymous, resident, staff, planner, admin (accessControl.ts)', function () {
  this.timeout(180_000);
  let server: SecurityServer;
  let app: Express;
  const clients = {} as Record<Caller, ApiClient>;

  before(async () => {
    server = await startSecurityServer();
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: server.dataDir, PORT: '0' });
    app = createApp({ store: server.store, logger: createLogger({ level: 'silent' }), config });
    for (const caller of CALLERS) clients[caller] = await clientAs(server, caller);
  });
  after(() => server?.stop());

  it('every registered API route is declared in ACCESS_RULES, and every declared route is registered', () => {
    const routes = registeredRoutes(app);
    const api = routes.filter((r): r is { method: string; path: string } => typeof r.path === 'string');
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    const declared = new Set(ACCESS_RULES.map(key));
    const registered = new Set(api.map(key));
    expect(api.filter((r) => !declared.has(key(r))).map(key), 'registered but missing from ACCESS_RULES').to.deep.equal([]);
    expect(ACCESS_RULES.filter((r) => !registered.has(key(r))).map(key), 'declared but not registered').to.deep.equal([]);
    expect(registered.size, 'a route is registered twice').to.equal(api.length);
    // The only routes outside the table are the UI shell's pattern routes: GET only, after the API's 404.
    for (const r of routes.filter((x) => typeof x.path !== 'string')) expect(r.method, String(r.path)).to.equal('GET');
  });

  it('the UI shell routes never answer an API path', async () => {
    const res = await fetch(`${server.url}/api/not-a-route`);
    expect(res.status).to.equal(404);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
  });

  it('declares the resident routes, admin routes and public entry points as intended', () => {
    const access = (method: HttpMethod, path: string) => ACCESS_RULES.find((r) => r.method === method && r.path === path)!.access;
    expect(ACCESS_RULES.filter((r) => r.access === 'resident').map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET /api/survey/current',
      'PUT /api/survey/draft',
      'POST /api/survey/submit',
    ]);
    expect(ACCESS_RULES.filter((r) => r.path.startsWith('/api/admin/')).every((r) => Array.isArray(r.access) && r.access.join() === 'admin')).to.equal(true);
    expect(access('POST', '/api/sampling/frames/:id/purge-contacts')).to.deep.equal(['admin']);
    expect(access('POST', '/api/survey/enter')).to.equal('public');
    // Open results: the published snapshots are the only public part of the maps; everything else needs a planner.
    expect(ACCESS_RULES.filter((r) => r.path.startsWith('/api/public/')).map((r) => `${r.method} ${r.access}`)).to.deep.equal(Array(4).fill('GET public'));
    expect(ACCESS_RULES.filter((r) => r.path.startsWith('/api/geography/')).every((r) => Array.isArray(r.access) && r.access.join() === 'planner,admin')).to.equal(true);
    // A resident may use nothing that needs an account.
    expect(ACCESS_RULES.filter((r) => mayCall(r.access, 'resident')).every((r) => r.access === 'public' || r.access === 'resident')).to.equal(true);
  });

  for (const rule of ACCESS_RULES) {
    const allowed = CALLERS.filter((c) => mayCall(rule.access, c));
    it(`${rule.method} ${rule.path}: allowed for ${allowed.join(', ') || 'nobody'}; refused for the others`, async () => {
      const path = concretePath(rule);
      // Resident routes validate the body before they look up the survey link: send a well-formed one.
      const body = rule.method === 'GET' ? undefined : rule.access === 'resident' ? { answers: {}, ...(rule.method === 'PUT' ? { page: 0 } : {}) } : {};
      for (const caller of CALLERS) {
        const res = await clients[caller].request(rule.method, path, body);
        const text = await res.text();
        const json = (): { error?: string; status?: string } => (res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : {});
        const where = `${caller}: ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, where).to.be.below(500);
        if (rule.access === 'resident') {
          // Without a survey link the route finds nothing; with one it reaches the resident's own response.
          const foundNothing = (res.status === 404 && json().error === NO_SURVEY) || (res.status === 200 && json().status === 'none');
          expect(foundNothing, where).to.equal(!allowed.includes(caller));
        } else if (allowed.includes(caller)) {
          expect(res.status, where).to.not.be.oneOf([401, 403]);
        } else if (caller === 'anonymous' || caller === 'resident') {
          expect(res.status, where).to.equal(401);
          expect(json().error, where).to.equal(NOT_SIGNED_IN);
        } else {
          expect(res.status, where).to.equal(403);
          expect(json().error, where).to.equal(FORBIDDEN);
        }
        // Logging out ends the caller's session: start a new one for the following routes.
        if (rule.path === '/api/auth/logout') clients[caller] = await clientAs(server, caller);
      }
    });
  }

  it('a resident session cannot read or change another household: its routes take no household id', () => {
    for (const rule of ACCESS_RULES.filter((r) => r.access === 'resident')) expect(rule.path).to.not.match(/:/);
  });
});
