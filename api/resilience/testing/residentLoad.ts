/**
 * Simulated residents for the resilience runs, and the audit of what ended up in the SQLite file.
 *
 * A resident does what the survey page does: GET /api/session, POST /api/survey/enter with the
 * code from the letter, autosaves the first pages (PUT /api/survey/draft), POST /api/survey/submit.
 * When the connection breaks (server killed, restarting, shutting down) the resident starts over
 * like a person reopening the letter link: new session, code again, and either the thank-you
 * state or the draft to finish. Every household always sends the same answers, so what is stored
 * can be compared with what was sent.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type { InvitedHousehold } from '../../collection/testing/testHouseholds';
import { loadQuestionnaire, simulateAnswers } from '../../questionnaire';
import { seededUniform as parkMiller } from '../../testing/seededUniform';

/**
 * Deterministic uniform numbers in (0, 1) (Park–Miller, api/testing/seededUniform), so a run can be
 * repeated from its seed; any integer seed (e.g. one printed by an earlier run) is mapped into range.
 */
export function seededUniform(seed: number): () => number {
  return parkMiller((Math.abs(Math.trunc(seed)) % 2147483646) + 1);
}

export interface ResidentPlan {
  householdId: string;
  code: string;
  /** The complete answers the resident submits. */
  answers: Record<string, unknown>;
  /** Autosaved before the submit: the answers of pages 0, 1, … (a subset of `answers`). */
  pages: Record<string, unknown>[];
}

/**
 * One plan per household: simulated complete answers (seeded by position) and the answers of the
 * first `autosavedPages` pages split off for autosaving, in page order as the survey page does.
 */
export function residentPlans(households: readonly InvitedHousehold[], autosavedPages = 2): ResidentPlan[] {
  const json = loadQuestionnaire(1) as { pages: { elements: { name: string }[] }[] };
  return households.map((h, i) => {
    const answers = simulateAnswers(json, seededUniform(i + 1));
    const pages = json.pages.slice(0, autosavedPages).map((page) => {
      const names = new Set(page.elements.map((e) => e.name));
      return Object.fromEntries(Object.entries(answers).filter(([name]) => names.has(name)));
    });
    return { householdId: h.householdId, code: h.code, answers, pages };
  });
}

/** The connection failed or broke (refused, reset, closed): no HTTP response arrived. */
export class NetworkError extends Error {}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * One JSON request over a keep-alive agent.
 * @throws NetworkError when no complete response arrives (within `timeoutMs`).
 */
export function httpJson(
  agent: Agent,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<HttpResult> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, {
      method,
      agent,
      timeout: timeoutMs,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
    });
    req.on('timeout', () => req.destroy(new NetworkError(`${method} ${path}: no response within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof NetworkError ? err : new NetworkError(`${method} ${path}: ${err.message}`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', (err) => reject(new NetworkError(`${method} ${path}: ${err.message}`)));
      res.on('aborted', () => reject(new NetworkError(`${method} ${path}: response aborted`)));
      res.on('end', () => {
        if (!res.complete) return reject(new NetworkError(`${method} ${path}: response cut off`));
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON (e.g. an HTML error page): kept as text for the report
        }
        resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
      });
    });
    req.end(payload);
  });
}

/** What the residents saw; the figures the resilience runs print. */
export class LoadStats {
  requests = 0;
  /** HTTP responses by status code. */
  readonly statuses = new Map<number, number>();
  /** Requests without a response (server killed, restarting or gone). */
  networkErrors = 0;
  /** Households whose submit was answered 200 { status: 'submitted' }. */
  readonly acknowledged = new Set<string>();
  /** Households that, after a broken submit, found the thank-you state on entering the code again. */
  readonly confirmedOnReentry = new Set<string>();
  /** Any response a resident should never see (4xx, 5xx, unexpected body), with the request. */
  readonly unexpected: string[] = [];

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
  get serverErrors(): number {
    return [...this.statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  }
}

export interface ResidentContext {
  baseUrl: string;
  agent: Agent;
  stats: LoadStats;
  /** Give up on a household after this long without success (the server never came back). */
  deadline: number;
  /** Called with the number of acknowledged submissions after each acknowledgement. */
  onAcknowledged?: (count: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one resident to completion, starting over after every broken connection.
 * @throws Error when the deadline passes without the household being submitted.
 */
export async function runResident(plan: ResidentPlan, ctx: ResidentContext): Promise<void> {
  const { stats } = ctx;
  for (let attempt = 0; ; attempt++) {
    if (Date.now() > ctx.deadline) throw new Error(`household ${plan.householdId}: not submitted before the deadline (${attempt} attempts)`);
    try {
      let cookie = '';
      let csrf = '';
      const call = async (method: string, path: string, body?: unknown): Promise<HttpResult> => {
        stats.requests++;
        const res = await httpJson(ctx.agent, ctx.baseUrl, method, path, body, {
          ...(cookie ? { cookie } : {}),
          ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        });
        stats.count(res.status);
        const sid = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='));
        if (sid) cookie = sid.split(';')[0]!;
        if (res.status !== 200) {
          stats.unexpected.push(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)} (household ${plan.householdId})`);
          throw new UnexpectedResponse();
        }
        return res;
      };
      csrf = ((await call('GET', '/api/session')).body as { csrfToken: string }).csrfToken;
      const entered = (await call('POST', '/api/survey/enter', { code: plan.code })).body as { status: string };
      if (entered.status === 'submitted') {
        if (!stats.acknowledged.has(plan.householdId)) stats.confirmedOnReentry.add(plan.householdId);
        return;
      }
      for (const [page, answers] of plan.pages.entries()) await call('PUT', '/api/survey/draft', { answers, page });
      const submitted = (await call('POST', '/api/survey/submit', { answers: plan.answers })).body as { status: string };
      if (submitted.status !== 'submitted') {
        stats.unexpected.push(`submit answered ${JSON.stringify(submitted)} (household ${plan.householdId})`);
        continue;
      }
      stats.acknowledged.add(plan.householdId);
      ctx.onAcknowledged?.(stats.acknowledged.size);
      return;
    } catch (err) {
      if (err instanceof NetworkError) {
        stats.networkErrors++;
        await sleep(100 + Math.random() * 200);
        continue;
      }
      if (err instanceof UnexpectedResponse) {
        await sleep(200);
        continue;
      }
      throw err;
    }
  }
}

class UnexpectedResponse extends Error {}

/** Runs `work` over `items` with at most `concurrency` at a time; rejects with the first error. */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** What the SQLite file holds for the planned households, judged against what was sent. */
export interface StoreAudit {
  /** PRAGMA integrity_check: 'ok' or the problems found. */
  integrity: string;
  /** PRAGMA foreign_key_check rows. */
  foreignKeyViolations: number;
  acknowledged: number;
  /** Acknowledged households stored exactly once, submitted, with exactly the answers sent. */
  stored: number;
  /** Acknowledged households without a submitted response. */
  lost: string[];
  /** Households with more than one submitted response, or more than one online response row. */
  duplicated: string[];
  /** Responses whose answers differ from what was sent (submitted ≠ sent, or a draft with a value never sent). */
  halfWritten: string[];
  /** Submitted without the resident seeing the acknowledgement (the commit landed, the answer was cut off). */
  storedWithoutAcknowledgement: number;
  /** Households left as drafts (their submit never got through before the run ended). */
  drafts: number;
}

/**
 * Opens the database file read-only (after the server stopped) and checks every planned household.
 * SQL past the store on purpose: after a crash the question is what the file itself holds (page
 * integrity, foreign keys, half-written rows), which no store operation would show.
 * Cost: O(households) indexed lookups.
 */
export function auditStore(databaseFile: string, plans: readonly ResidentPlan[], acknowledged: ReadonlySet<string>): StoreAudit {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    const rowsOf = db.prepare<[string], { status: string; mode: string; answers: string; submitted_at: string | null }>(
      'SELECT status, mode, answers, submitted_at FROM responses WHERE household_id = ?',
    );
    const audit: StoreAudit = {
      integrity,
      foreignKeyViolations,
      acknowledged: acknowledged.size,
      stored: 0,
      lost: [],
      duplicated: [],
      halfWritten: [],
      storedWithoutAcknowledgement: 0,
      drafts: 0,
    };
    for (const plan of plans) {
      const rows = rowsOf.all(plan.householdId);
      const submitted = rows.filter((r) => r.status === 'submitted');
      const online = rows.filter((r) => r.mode === 'online');
      if (submitted.length > 1 || online.length > 1) audit.duplicated.push(plan.householdId);
      for (const row of rows) {
        const answers = JSON.parse(row.answers) as Record<string, unknown>;
        const complete = row.status === 'submitted' ? isDeepStrictEqual(answers, plan.answers) && row.submitted_at !== null : true;
        const consistent = Object.entries(answers).every(([name, value]) => isDeepStrictEqual(value, plan.answers[name]));
        if (!complete || !consistent) audit.halfWritten.push(plan.householdId);
      }
      if (submitted.length === 0 && rows.length > 0) audit.drafts++;
      if (acknowledged.has(plan.householdId)) {
        if (submitted.length === 0) audit.lost.push(plan.householdId);
        else if (submitted.length === 1 && isDeepStrictEqual(JSON.parse(submitted[0]!.answers), plan.answers)) audit.stored++;
      } else if (submitted.length > 0) {
        audit.storedWithoutAcknowledgement++;
      }
    }
    return audit;
  } finally {
    db.close();
  }
}
