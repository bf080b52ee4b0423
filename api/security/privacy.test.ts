/**
 * Privacy and export safety over one whole fieldwork flow through the HTTP API, with every log line
 * captured: frame import with hostile names → draw → letters → residents answer online (script in
 * the open comment) → blind double paper entry and reconciliation → monitor, analysis, audit →
 * contact purge. Proves:
 *   - no response of the collection, analysis, audit and sampling read endpoints, no export file
 *     (results, microdata, codebook, R script, audit CSV) and no log line contains a household name,
 *     street or plain access code — only the two address lists (letters mail merge, reminder list)
 *     do, by design, and each of their downloads is audited;
 *   - every CSV the API writes is formula-safe, and script text stays inert text;
 *   - the purge removes every contact row of the frame, is audited without personal data, and
 *     afterwards letters are refused and the reminder list is empty.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { DestinationStream } from 'pino';
import { createLogger } from '../logger';
import { loadQuestionnaire, simulateAnswers } from '../questionnaire';
import type { ApiClient } from '../testing/apiClient';
import { isSpreadsheetSafe } from './testing/csvCell';
import { frameCsv, importFrameFile } from './testing/frameFiles';
import { FORMULA_PAYLOADS, SCRIPT_PAYLOADS } from './testing/hostileInput';
import { clientAs, startSecurityServer, type SecurityServer } from './testing/securityServer';
import { seededUniform } from '../testing/seededUniform';

/** Twenty households with unmistakable names and streets; some names are formulas or script. */
const HOUSEHOLDS = Array.from({ length: 20 }, (_, i) => {
  const hostile = [...FORMULA_PAYLOADS.filter((f) => !/^[\t\r]/.test(f)), ...SCRIPT_PAYLOADS];
  const name = i < hostile.length ? `${hostile[i]} Zwetschgenhain${i}` : `Familie Zwetschgenhain${i}`;
  return [`REG-${1000 + i}`, i % 2 === 0 ? '01' : '02', name, `Quittenpfad${i}`, String(i + 1), '07545', 'Gera'];
});
// A name that starts with a formula must be unique on its own too: the check looks for the raw name.
const NAMES = HOUSEHOLDS.map((h) => h[2]!);
const STREETS = HOUSEHOLDS.map((h) => h[3]!);
const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

/** Every CSV cell formula-safe; returns the parsed records. */
function expectFormulaSafeCsv(text: string, delimiter: string, what: string): string[][] {
  const records = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][];
  const unsafe = records.flat().filter((cell) => !isSpreadsheetSafe(cell));
  expect(unsafe, `${what}: cells a spreadsheet would evaluate`).to.deep.equal([]);
  return records;
}

describe('privacy and export safety over a whole fieldwork flow (HTTP, captured logs)', function () {
  this.timeout(300_000);
  const logLines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void logLines.push(line) };
  let server: SecurityServer;
  let planner: ApiClient;
  let admin: ApiClient;
  let staff: ApiClient;
  let staff2: ApiClient;
  let dataDir: string;
  let frameId: string;
  let drawId: string;
  let codes: string[] = [];
  /** The letters mail-merge CSV as the planner downloaded it at the start of fieldwork. */
  let letters: { status: number; headers: Headers; text: string };
  /** `METHOD path → body` of every response that must be free of personal data. */
  const responses: string[] = [];
  /** Every export file that must be free of personal data. */
  const exportFiles: { name: string; text: string }[] = [];

  async function record(client: ApiClient, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers }> {
    const res = await client.request(method, path, body);
    const text = await res.text();
    responses.push(`${method} ${path} → ${res.status} ${text}`);
    expect(res.status, `${method} ${path}: ${text.slice(0, 300)}`).to.be.below(500);
    return { status: res.status, text, headers: res.headers };
  }

  before(async function () {
    this.timeout(300_000);
    // An own data directory, so the database files can be searched after the server has stopped.
    dataDir = mkdtempSync(join(tmpdir(), 'privacy-flow-'));
    server = await startSecurityServer({ dataDir, logger: createLogger({ level: 'debug', destination }) });
    [planner, admin, staff, staff2] = await Promise.all([clientAs(server, 'planner'), clientAs(server, 'admin'), clientAs(server, 'staff'), clientAs(server, 'anonymous')]);
    expect((await staff2.login('staff2', 'Gera-staff2-2026')).status).to.equal(200);

    const imported = await importFrameFile(planner, Buffer.from(frameCsv(HOUSEHOLDS), 'utf8'), "=cmd|'calc'!A0.csv");
    expect(imported.state, JSON.stringify(imported.errors)).to.equal('done');
    frameId = imported.frameId!;
    const draw = await planner.post('/api/sampling/draws', { frameId, method: 'srswor', allocation: { '01': 8, '02': 8 }, seed: 7 });
    expect(draw.status, await draw.clone().text()).to.equal(201);
    drawId = ((await draw.json()) as { draw: { id: string } }).draw.id;

    // Fieldwork as it happens, once, before the tests look at what it left behind: letters go out,
    // residents answer online, staff enter paper forms blind and an admin reconciles them.
    const sent = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'csv' });
    letters = { status: sent.status, headers: sent.headers, text: await sent.text() };
    expect(letters.status, letters.text.slice(0, 300)).to.equal(200);
    const [header, ...rows] = parse(letters.text.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
    codes = rows.map((r) => r[header!.indexOf('access_code')]!);

    const answers = simulateAnswers(loadQuestionnaire(1), seededUniform(3));
    for (const [i, code] of codes.slice(0, 4).entries()) {
      const resident = await clientAs(server, 'anonymous');
      // The QR link: the resident page is opened with the plain code in the path.
      await fetch(`${server.url}/t/${code.replace(/-/g, '')}`);
      expect((await record(resident, 'POST', '/api/survey/enter', { code: i % 2 === 0 ? code : code.toLowerCase() })).status).to.equal(200);
      await record(resident, 'GET', '/api/survey/current');
      expect((await record(resident, 'PUT', '/api/survey/draft', { answers: { children_count: 1, comment: SCRIPT }, page: 0 })).status).to.equal(200);
      expect((await record(resident, 'POST', '/api/survey/submit', { answers: { ...answers, comment: `${SCRIPT} ${i}` } })).status).to.equal(200);
    }
    const wrong = await clientAs(server, 'anonymous');
    expect((await record(wrong, 'POST', '/api/survey/enter', { code: 'AAAA-BBBB-CCCC-DD' })).status).to.equal(404);

    for (const code of codes.slice(4, 6)) {
      const looked = JSON.parse((await record(staff, 'POST', '/api/paper/lookup', { code })).text) as { householdId: string };
      await record(staff2, 'POST', '/api/paper/lookup', { code });
      await record(staff, 'PUT', `/api/paper/entries/${looked.householdId}`, { answers: { children_count: 1, comment: `${SCRIPT} Papier 1` } });
      await record(staff2, 'PUT', `/api/paper/entries/${looked.householdId}`, { answers: { children_count: 1, comment: `${SCRIPT} Papier 2` } });
      const view = await record(admin, 'GET', `/api/paper/reconcile/${looked.householdId}`);
      expect(view.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(view.headers.get('content-type')).to.match(/^application\/json/);
      const { revision } = JSON.parse(view.text) as { revision: number };
      const done = await record(admin, 'POST', `/api/paper/reconcile/${looked.householdId}`, { revision, resolutions: { comment: { choice: 'entry2' } } });
      expect(done.status, done.text).to.equal(200);
    }
    await record(staff, 'GET', '/api/paper/queue');
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the letters mail-merge CSV holds names and codes by design: formula-safe, audited, script as plain text', async () => {
    expect(letters.headers.get('content-disposition')).to.match(/^attachment/);
    expect(letters.headers.get('content-type')).to.match(/^text\/csv/);
    const records = expectFormulaSafeCsv(letters.text, ';', 'letters CSV');
    const header = records[0]!;
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
    expect(rows).to.have.length(16);
    expect(rows.map((r) => r.access_code)).to.deep.equal(codes);
    for (const row of rows) {
      const name = row.name!.replace(/^'/, '');
      expect(NAMES).to.include(name);
      if (/^[=+\-@]/.test(name)) expect(row.name).to.equal(`'${name}`);
    }
    expect(rows.filter((r) => /<script>|onerror=|<svg/.test(r.name!)).length, 'script names are exported as they are').to.be.greaterThan(0);
    const audit = await server.store.audit.list({ limit: 1000, offset: 0 });
    expect(audit.find((e) => e.action === 'letters.export')?.details).to.include({ format: 'csv', letters: 16 });
  });

  it('residents answer online with script in the open comment; staff enter two paper forms blind and reconcile them', async () => {
    // The stored comment is the exact text: nothing is stripped or escaped on the way in.
    const stored = (await server.store.responses.list({ status: 'submitted' })).filter((r) => String(r.answers.comment ?? '').startsWith(SCRIPT));
    expect(stored.length).to.be.at.least(6);
  });

  it('the reminder list holds addresses by design: formula-safe, audited, staff only', async () => {
    const res = await staff.get('/api/fieldwork/reminders.csv');
    expect(res.status).to.equal(200);
    const records = expectFormulaSafeCsv(await res.text(), ';', 'reminder CSV');
    const names = records.slice(1).map((r) => r[2]!.replace(/^'/, ''));
    expect(names.filter((n) => NAMES.includes(n))).to.have.length(10); // 16 invited − 4 online − 2 paper
    expect((await planner.get('/api/fieldwork/reminders.csv')).status).to.equal(403);
    expect((await server.store.audit.list({ limit: 5, offset: 0 })).some((e) => e.action === 'fieldwork.reminders_export')).to.equal(true);
  });

  it('monitor, analysis, audit and sampling answers and exports carry no name, street or plain code; every CSV is formula-safe', async () => {
    for (const path of ['/api/fieldwork/monitor', '/api/fieldwork/both-channels', '/api/sampling/frames', `/api/sampling/frames/${frameId}`, `/api/sampling/draws/${drawId}`, '/api/sampling/draws']) {
      await record(admin, 'GET', path);
    }
    // The demo draw has 970 respondents (full analysis and exports); the flow's own draw has a handful.
    const demoDraw = (await server.store.draws.list()).find((d) => d.id !== drawId && !d.frameId.startsWith('test-frame'))!;
    for (const draw of [`?drawId=${demoDraw.id}`, `?drawId=${drawId}`]) {
      await record(planner, 'GET', `/api/analysis/overview${draw}`);
      await record(planner, 'GET', `/api/analysis/indicators${draw}`);
      for (const file of ['results.csv', 'microdata.csv', 'codebook.csv', 'reproduce.R']) {
        const res = await record(planner, 'GET', `/api/analysis/export/${file}${draw}`);
        if (res.status !== 200) continue;
        expect(res.headers.get('content-disposition')).to.match(/^attachment/);
        exportFiles.push({ name: `${file}${draw}`, text: res.text });
        if (file.endsWith('.csv')) expectFormulaSafeCsv(res.text, ',', file);
      }
      await record(planner, 'GET', `/api/analysis/export/results.csv${draw}&dialect=excel-de`).then((r) => r.status === 200 && expectFormulaSafeCsv(r.text, ';', 'results excel-de'));
    }
    await record(admin, 'GET', '/api/admin/audit?limit=500');
    const auditCsv = await record(admin, 'GET', '/api/admin/audit.csv');
    exportFiles.push({ name: 'audit.csv', text: auditCsv.text });
    const records = expectFormulaSafeCsv(auditCsv.text, ',', 'audit CSV');
    // The frame is named after its file, "=cmd|'calc'!A0.csv": it reaches the audit trail's summary neutralised.
    expect(records.flat().some((c) => c.startsWith("'=cmd|'calc'!A0.csv")), 'the frame name in the audit CSV').to.equal(true);

    const forbidden = [...NAMES, ...STREETS, ...codes, ...codes.map((c) => c.replace(/-/g, '')), ...server.households.map((h) => h.code), 'Testfamilie'];
    const leaks = (text: string) => forbidden.filter((f) => text.includes(f));
    expect(responses.length, 'responses checked').to.be.greaterThan(40);
    for (const r of responses) expect(leaks(r), r.slice(0, 200)).to.deep.equal([]);
    for (const f of exportFiles) expect(leaks(f.text), f.name).to.deep.equal([]);
    expect(exportFiles.length).to.be.at.least(5);
  });

  it('no log line contains a name, street or plain access code (request logs of the whole flow, errors included)', () => {
    expect(logLines.length).to.be.greaterThan(50);
    const forbidden = [...NAMES, ...STREETS, ...codes, ...codes.map((c) => c.replace(/-/g, '')), ...server.households.map((h) => h.code), 'Testfamilie', 'Gera-admin-2026', 'Gera-staff-2026'];
    const leaking = logLines.filter((line) => forbidden.some((f) => line.includes(f)));
    expect(leaking.map((l) => l.slice(0, 300)), 'log lines with personal data or secrets').to.deep.equal([]);
  });

  // Purging ends the flow for good, so it runs last, after every test above: mocha runs a suite's
  // own tests before its nested suites.
  describe('at the end of fieldwork', () => {
    it('the purge removes every contact of the frame, is audited without personal data; letters and reminders are empty afterwards; no file in the data directory holds a purged name or street', async () => {
      const before = await server.store.contacts.countByFrame(frameId);
      expect(before).to.equal(20);
      expect((await planner.post(`/api/sampling/frames/${frameId}/purge-contacts`, { confirm: true })).status).to.equal(403);
      const res = await admin.post(`/api/sampling/frames/${frameId}/purge-contacts`, { confirm: true });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.include({ removed: 20 });
      expect(await server.store.contacts.countByFrame(frameId)).to.equal(0);
      expect(await server.store.contacts.getMany(frameId, (await server.store.households.listByFrame(frameId)).map((h) => h.householdId))).to.deep.equal([]);
      expect((await server.store.frames.get(frameId))!.contactsPurgedAt).to.be.a('string');
      // Analysis data stay: the households and their sample units are pseudonymous.
      expect(await server.store.households.countByFrame(frameId)).to.equal(20);

      const [entry] = await server.store.audit.list({ limit: 1, offset: 0 });
      expect(entry).to.include({ action: 'frame.contacts.purge', entityType: 'frame', entityId: frameId, actorUsername: 'admin' });
      expect(entry!.details).to.include({ removed: 20 });
      expect(NAMES.concat(STREETS).filter((n) => JSON.stringify(entry).includes(n))).to.deep.equal([]);

      const reissued = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'csv', reissue: true });
      expect(reissued.status).to.equal(409);
      expect(((await reissued.json()) as { error: string }).error).to.match(/gelöscht/);
      const reminders = await (await staff.get('/api/fieldwork/reminders.csv')).text();
      expect(NAMES.filter((n) => reminders.includes(n))).to.deep.equal([]);
      // The frame file was deleted after the import; nothing was left in the upload folder.
      expect(readdirSync(join(dataDir, 'sampling-uploads'))).to.deep.equal([]);

      // SQLite only (a MongoDB server's files are not in the data directory): secure_delete, WAL checkpointed on close.
      if (process.env.MONGODB_URI) return;
      await server.stop();
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      expect(files.map((f) => f.name)).to.include('platform.sqlite');
      const found = files.flatMap((f) => {
        const bytes = readFileSync(join(f.parentPath, f.name));
        return [...NAMES, ...STREETS].filter((n) => bytes.includes(Buffer.from(n, 'utf8'))).map((n) => `${f.name}: ${n}`);
      });
      expect(found).to.deep.equal([]);
    });
  });
});
