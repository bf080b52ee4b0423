import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { canonicalAccessCode } from '../codes';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { runDraw } from './drawService';
import { SYNTHETIC_FRAME_MAPPING, SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS, syntheticRegisterCsv } from './syntheticContacts';

const HEADER = 'Haushalt;Bezirk;Name;Straße;Hausnummer;PLZ;Ort;Haushaltstyp;Kinder;Alter_jüngstes_Kind';

/** Sends bytes as the raw upload body with the client's cookie and CSRF token. */
async function upload(client: ApiClient, body: Buffer | string, fileName = 'melderegister.csv'): Promise<Response> {
  return client.sendBytes('POST', '/api/sampling/uploads', body, { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(fileName) });
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

interface Progress {
  id: string;
  state: string;
  percent: number;
  rowsRead: number;
  errors: { row: number; column: string; code: string; reason: string }[];
  errorCount: number;
  frameId: string | null;
}

async function waitForImport(client: ApiClient, id: string): Promise<Progress> {
  for (let i = 0; i < 600; i++) {
    const { import: progress } = await json<{ import: Progress }>(await client.get(`/api/sampling/imports/${id}`));
    if (['done', 'rejected', 'failed'].includes(progress.state)) return progress;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

/** Upload + import with the synthetic mapping; returns the final progress. */
async function importFile(client: ApiClient, body: Buffer | string, extra: Record<string, unknown> = {}): Promise<Progress> {
  const res = await upload(client, body);
  expect(res.status, await res.clone().text()).to.equal(201);
  const { upload: preview } = await json<{ upload: { id: string } }>(res);
  const started = await client.post('/api/sampling/imports', { uploadId: preview.id, mapping: SYNTHETIC_FRAME_MAPPING, ...extra });
  expect(started.status, await started.clone().text()).to.equal(202);
  return waitForImport(client, (await json<{ import: Progress }>(started)).import.id);
}

function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('Sampling API', function () {
  this.timeout(60_000);
  let server: TestServer;
  let planner: ApiClient;
  let admin: ApiClient;
  const frameRows = generateFrame({ households: 240, districts: 3, seed: 11 });

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url);
    admin = new ApiClient(server.url);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    expect((await admin.login('admin', 'Gera-admin-2026')).status).to.equal(200);
  });
  after(async () => {
    await server?.stop();
  });

  describe('frame import', () => {
    it('reads a German Windows-1252 export with ; and umlauts in street names', async () => {
      const csv = `${HEADER}\r\nR-1;Stadtmitte;Testfamilie Groß;Schloßstraße;3;07545;Gera;couple;2;4\r\nR-2;Debschwitz;Testfamilie Öztürk;Mühlenweg;12a;07548;Gera;single_parent;1;0\r\n`;
      const bytes = iconv.encode(csv, 'win1252');
      const res = await upload(planner, bytes);
      const { upload: preview } = await json<{ upload: { id: string; encoding: string; delimiter: string; columns: string[]; previewRows: string[][] } }>(res);
      expect(preview).to.deep.include({ encoding: 'windows-1252', delimiter: ';' });
      expect(preview.columns).to.deep.equal(HEADER.split(';'));
      expect(preview.previewRows[0]![3]).to.equal('Schloßstraße');
      const started = await planner.post('/api/sampling/imports', { uploadId: preview.id, mapping: SYNTHETIC_FRAME_MAPPING, name: 'Umlaute' });
      const done = await waitForImport(planner, (await json<{ import: Progress }>(started)).import.id);
      expect(done).to.deep.include({ state: 'done', percent: 100, rowsRead: 2, errorCount: 0 });
      const frame = (await server.store.frames.get(done.frameId!))!;
      expect(frame.districts).to.deep.equal([
        { district: 'Debschwitz', households: 1 },
        { district: 'Stadtmitte', households: 1 },
      ]);
      const households = await server.store.households.listByFrame(frame.id);
      const contacts = await server.store.contacts.getMany(frame.id, households.map((h) => h.householdId));
      expect(contacts.map((c) => c.street).sort()).to.deep.equal(['Mühlenweg', 'Schloßstraße']);
      expect(contacts.map((c) => c.registerId).sort()).to.deep.equal(['R-1', 'R-2']);
      // The analysis side carries a random pseudonym, never the register id.
      for (const h of households) expect(h.householdId).to.match(/^P[0-9A-Z]{16}$/);
      const audit = await server.store.audit.list({ limit: 5, offset: 0 });
      expect(audit.find((e) => e.action === 'frame.import' && e.entityId === frame.id)?.details).to.include({ rows: 2, encoding: 'windows-1252' });
    });

    it('reads a UTF-8 file with byte order mark and , as delimiter', async () => {
      const csv = '\uFEFF' + syntheticRegisterCsv(frameRows.slice(0, 20), ',');
      const res = await upload(planner, Buffer.from(csv, 'utf8'));
      const { upload: preview } = await json<{ upload: { encoding: string; bom: boolean; delimiter: string; columns: string[] } }>(res);
      expect(preview).to.deep.include({ encoding: 'utf-8', bom: true, delimiter: ',' });
      expect(preview.columns[0]).to.equal('Haushalt');
      const done = await importFile(planner, Buffer.from(csv, 'utf8'));
      expect(done).to.deep.include({ state: 'done', rowsRead: 20 });
    });

    it('rejects the whole file for bad rows, naming row, column and reason; nothing is stored', async () => {
      const framesBefore = (await server.store.frames.list()).length;
      const csv = [
        HEADER,
        'R-1;Stadtmitte;Testfamilie A;Weg;1;07545;Gera;couple;2;4',
        ';Stadtmitte;Testfamilie B;Weg;2;07545;Gera;couple;2;4',
        'R-1;Stadtmitte;Testfamilie C;Weg;3;07545;Gera;couple;2;4',
        'R-4;;Testfamilie D;Weg;4;07545;Gera;couple;2;4',
        'R-5;Mondstadt;Testfamilie E;Weg;5;07545;Gera;couple;2;4',
        'R-6;Stadtmitte;Testfamilie F;Weg;6;07545;Gera;couple;zwei;4',
        'R-7;Stadtmitte;Testfamilie G;Weg;7;07545;Gera;couple;2',
        'R-8;Stadtmitte;;Weg;8;07545;Gera;couple;2;4',
      ].join('\n');
      const done = await importFile(planner, csv, { districts: ['Stadtmitte', 'Debschwitz'] });
      expect(done.state).to.equal('rejected');
      const found = done.errors.map((e) => [e.row, e.column, e.code]);
      expect(found).to.deep.include.members([
        [3, 'Haushalt', 'missingId'],
        [4, 'Haushalt', 'duplicateId'],
        [5, 'Bezirk', 'missingDistrict'],
        [6, 'Bezirk', 'unknownDistrict'],
        [7, 'Kinder', 'badNumber'],
        [8, '', 'fieldCount'],
        [9, 'Name', 'missingAddress'],
      ]);
      expect(done.errorCount).to.equal(done.errors.length);
      expect(done.errors.find((e) => e.code === 'duplicateId')?.reason).to.contain('Zeile 2');
      expect((await server.store.frames.list()).length).to.equal(framesBefore);
      // Not one contact row of the refused file, not even one the store would never show: read the file itself.
      const db = new Database(join(server.dataDir, 'platform.sqlite'), { readonly: true });
      try {
        expect((db.prepare("SELECT COUNT(*) AS n FROM contacts WHERE register_id = 'R-5'").get() as { n: number }).n).to.equal(0);
      } finally {
        db.close();
      }
    });

    it('carries the sub-district column when it is mapped; without the mapping households have none', async () => {
      const rows = generateFrame({ households: 60, seed: 5, subdistricts: true });
      const csv = syntheticRegisterCsv(rows);
      expect(csv.split('\r\n')[0]).to.match(/;Teilbezirk$/);
      const done = await importFile(planner, csv, { mapping: SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS });
      expect(done).to.deep.include({ state: 'done', rowsRead: 60 });
      const frame = (await server.store.frames.get(done.frameId!))!;
      expect(frame.columnMapping.subdistrict).to.equal('Teilbezirk');
      const households = await server.store.households.listByFrame(frame.id);
      const contacts = await server.store.contacts.getMany(frame.id, households.map((h) => h.householdId));
      const byRegister = new Map(rows.map((r) => [r.household_id, r]));
      contacts.forEach((c, i) => expect(households[i]!.subdistrict).to.equal(byRegister.get(c.registerId)!.subdistrict));
      expect(new Set(households.map((h) => h.subdistrict)).size).to.be.above(5);
      const plain = await importFile(planner, csv);
      expect(plain.state).to.equal('done');
      for (const h of await server.store.households.listByFrame(plain.frameId!)) expect(h.subdistrict).to.equal(null);
    });

    it('refuses a file in which one sub-district lies in two districts, naming row and column; nothing is stored', async () => {
      const framesBefore = (await server.store.frames.list()).length;
      const csv = [
        `${HEADER};Teilbezirk`,
        'R-1;Stadtmitte;Testfamilie A;Weg;1;07545;Gera;couple;2;4;Nord',
        'R-2;Stadtmitte;Testfamilie B;Weg;2;07545;Gera;couple;2;4;',
        'R-3;Debschwitz;Testfamilie C;Weg;3;07548;Gera;couple;2;4;Süd',
        'R-4;Debschwitz;Testfamilie D;Weg;4;07548;Gera;couple;2;4;Nord',
      ].join('\n');
      const done = await importFile(planner, csv, { mapping: SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS });
      expect(done).to.deep.include({ state: 'rejected', errorCount: 1 });
      expect(done.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([[5, 'Teilbezirk', 'subdistrictInTwoDistricts']]);
      expect(done.errors[0]!.reason).to.equal('Teilbezirk „Nord“ liegt hier in Bezirk „Debschwitz“, in Zeile 2 aber in „Stadtmitte“; ein Teilbezirk gehört zu genau einem Bezirk.');
      expect((await server.store.frames.list()).length).to.equal(framesBefore);
    });

    it('reports at most 100 problems but counts them all', async () => {
      const lines = [HEADER, ...Array.from({ length: 150 }, (_, i) => `R-${i};Stadtmitte;Testfamilie;Weg;1;07545;Gera;couple;viele;4`)];
      const done = await importFile(planner, lines.join('\n'));
      expect(done).to.deep.include({ state: 'rejected', errorCount: 150 });
      expect(done.errors).to.have.length(100);
    });

    it('answers 400 for a mapping to columns the file does not have', async () => {
      const res = await upload(planner, syntheticRegisterCsv(frameRows.slice(0, 3)));
      const { upload: preview } = await json<{ upload: { id: string } }>(res);
      const bad = await planner.post('/api/sampling/imports', { uploadId: preview.id, mapping: { ...SYNTHETIC_FRAME_MAPPING, street: 'Strasse', city: 'Stadt' } });
      expect(bad.status).to.equal(400);
      const body = await json<{ error: string; details: { path: string; message: string }[] }>(bad);
      expect(body.details.map((d) => d.path)).to.deep.equal(['mapping.street', 'mapping.city']);
      const missing = await planner.post('/api/sampling/imports', { uploadId: preview.id, mapping: { householdId: 'Haushalt' } });
      expect(missing.status).to.equal(400);
      expect((await json<{ details: { path: string }[] }>(missing)).details.map((d) => d.path)).to.include('mapping.district');
    });
  });

  describe('allocation, draw, codes, letters, purge', () => {
    const districts = [...new Set(frameRows.map((r) => r.district))];
    const allocation = Object.fromEntries(districts.map((d) => [d, 5]));
    const reserve = Object.fromEntries(districts.map((d) => [d, 2]));
    /** The frame the tests draw from; the purge test imports one of its own. */
    let frameId: string;

    const importFrame = async () => {
      const done = await importFile(planner, syntheticRegisterCsv(frameRows));
      expect(done.state).to.equal('done');
      return done.frameId!;
    };
    /** A draw of its own for each test: 5 invited and 2 reserve households per district. */
    const newDraw = async (from = frameId) => {
      const res = await planner.post('/api/sampling/draws', { frameId: from, method: 'srswor', allocation, reserve, seed: 20261128 });
      expect(res.status, await res.clone().text()).to.equal(201);
      return (await json<{ draw: { id: string } }>(res)).draw.id;
    };

    before(async () => {
      frameId = await importFrame();
    });

    it('previews a power allocation with gross sample and precision per district', async () => {
      const res = await planner.post('/api/sampling/allocations/preview', { frameId, method: 'power', q: 0.5, n: 30, responseRate: 0.5, p: 0.5 });
      expect(res.status).to.equal(200);
      const body = await json<{
        allocation: { strata: { stratum: string; allocation: number; exact: number; gross: number }[] };
        gross: Record<string, number>;
        grossTotal: number;
        precision: { strata: { se: number; halfWidth: number }[]; overall: { deffKish: number; n: number } };
      }>(res);
      expect(body.allocation.strata.reduce((s, h) => s + h.allocation, 0)).to.equal(30);
      expect(body.grossTotal).to.equal(60);
      expect(body.precision.overall.n).to.be.closeTo(30, 1e-9);
      expect(body.precision.overall.deffKish).to.be.at.least(1);
      for (const s of body.precision.strata) expect(s.halfWidth).to.be.closeTo(1.959963984540054 * s.se, 1e-12);
      const infeasible = await planner.post('/api/sampling/allocations/preview', { frameId, method: 'proportional', n: 10_000 });
      expect(infeasible.status).to.equal(400);
    });

    it('draws with a recorded seed and reproduces the same households from the record', async () => {
      const res = await planner.post('/api/sampling/draws', { frameId, method: 'srswor', allocation, reserve, seed: 20261128 });
      expect(res.status, await res.clone().text()).to.equal(201);
      const { draw } = await json<{ draw: { id: string; seed: number; prng: string; frameFingerprint: string; counts: Record<string, number> } }>(res);
      expect(draw.counts).to.deep.equal({ invited: 15, reserve: 6, released: 0 });
      const detail = await json<{ draw: { seed: number; prng: string; frameFingerprint: string } }>(await planner.get(`/api/sampling/draws/${draw.id}`));
      expect(detail.draw.seed).to.equal(20261128);
      expect(detail.draw.prng).to.contain('xoroshiro128+');
      expect(detail.draw.frameFingerprint).to.match(/^[0-9a-f]{64}$/);
      // Re-run from the record alone on the stored frame.
      const stored = (await server.store.draws.get(draw.id))!;
      const again = runDraw(await server.store.households.listByFrame(frameId), stored);
      const units = await server.store.sampleUnits.listByDraw(draw.id, 'invited');
      expect(again.invited.map((u) => u.householdId).sort()).to.deep.equal(units.map((u) => u.householdId).sort());
      expect(again.fingerprint).to.equal(stored.frameFingerprint);
      expect(await json(await planner.get(`/api/sampling/draws/${draw.id}/verify`))).to.deep.equal({
        reproducible: true,
        fingerprintMatches: true,
        prngMatches: true,
        unitsMatch: true,
      });
      const otherSeed = runDraw(await server.store.households.listByFrame(frameId), { ...stored, seed: 1 });
      expect(otherSeed.invited.map((u) => u.householdId).sort()).to.not.deep.equal(units.map((u) => u.householdId).sort());
      const systematic = await planner.post('/api/sampling/draws', { frameId, method: 'systematic', sortKey: ['sortKey'], allocation, seed: 5 });
      expect(systematic.status).to.equal(201);
    });

    it('issues codes with the letters and stores only their HMAC hashes', async () => {
      const drawId = await newDraw();
      const res = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'csv', reissue: false });
      expect(res.status, await res.clone().text()).to.equal(200);
      expect(res.headers.get('content-type')).to.contain('text/csv');
      const rows = parse(await res.text(), { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
      expect(rows).to.have.length(15);
      const secret = readFileSync(join(server.dataDir, 'code-hmac-secret'), 'utf8').trim();
      const codes = await server.store.accessCodes.listByDraw(drawId);
      expect(codes).to.have.length(15);
      for (const row of rows) {
        const canonical = canonicalAccessCode(row.access_code!)!;
        const hash = createHmac('sha256', secret).update(canonical).digest('hex');
        expect((await server.store.accessCodes.findActiveByHash(hash))?.householdId).to.equal(row.household_id);
      }
      // No table holds a plain code: read the database file itself, past the store's interface,
      // because the property is about every byte stored, not about what the store answers.
      const db = new Database(join(server.dataDir, 'platform.sqlite'), { readonly: true });
      try {
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
        for (const table of tables) {
          const dump = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
          for (const row of rows) {
            expect(dump).to.not.contain(canonicalAccessCode(row.access_code!));
            expect(dump).to.not.contain(row.access_code);
          }
        }
      } finally {
        db.close();
      }
      const audit = await server.store.audit.list({ limit: 10, offset: 0 });
      expect(audit.find((e) => e.action === 'codes.issue')?.details).to.deep.equal({ issued: 15, revoked: 0 });
      expect(audit.find((e) => e.action === 'letters.export')?.details).to.include({ format: 'csv', letters: 15 });
      expect(JSON.stringify(audit)).to.not.contain(rows[0]!.access_code);
    });

    it('refuses to issue again without confirmation; re-issuing revokes the old codes', async () => {
      const drawId = await newDraw();
      expect((await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'csv', reissue: false })).status).to.equal(200);
      const again = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'csv', reissue: false });
      expect(again.status).to.equal(409);
      const oldActive = (await server.store.accessCodes.listByDraw(drawId)).filter((c) => c.revokedAt === null);
      const res = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'pdf', reissue: true });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdfPageCount(pdf)).to.equal(15);
      for (const old of oldActive) expect(await server.store.accessCodes.findActiveByHash(old.codeHash)).to.equal(null);
      const codes = await server.store.accessCodes.listByDraw(drawId);
      expect(codes.filter((c) => c.revokedAt === null)).to.have.length(15);
      expect(codes.filter((c) => c.revokedAt !== null)).to.have.length(15);
      const audit = await server.store.audit.list({ limit: 10, offset: 0 });
      expect(audit.find((e) => e.action === 'codes.reissue')?.details).to.deep.equal({ issued: 15, revoked: 15 });
    });

    it('releases reserve households by rank and updates the district weights', async () => {
      const drawId = await newDraw();
      expect((await planner.post(`/api/sampling/draws/${drawId}/codes`, { reissue: false })).headers.get('x-letter-count')).to.equal('15');
      const district = frameRows[0]!.district;
      const res = await planner.post(`/api/sampling/draws/${drawId}/reserve-release`, { batch: { [district]: 1 } });
      expect(res.status).to.equal(200);
      const units = await server.store.sampleUnits.listByDraw(drawId);
      const N = frameRows.filter((r) => r.district === district).length;
      const released = units.filter((u) => u.status === 'released');
      expect(released).to.have.length(1);
      expect(released[0]!.reserveRank).to.equal(1);
      for (const u of units.filter((x) => x.district === district && x.status !== 'reserve')) expect(u.designWeight).to.be.closeTo(N / 6, 1e-12);
      const tooMany = await planner.post(`/api/sampling/draws/${drawId}/reserve-release`, { batch: { [district]: 5 } });
      expect(tooMany.status).to.equal(400);
      // The released household has no code yet: a first issue covers exactly that one.
      const letters = await planner.post(`/api/sampling/draws/${drawId}/codes`, { reissue: false });
      expect(letters.status).to.equal(200);
      expect(letters.headers.get('x-letter-count')).to.equal('1');
    });

    it('lets only admins purge contacts; afterwards letters answer 409', async () => {
      // Purging changes the frame for good: this test has a frame and a draw of its own.
      const frameId = await importFrame();
      const drawId = await newDraw(frameId);
      expect((await planner.post(`/api/sampling/frames/${frameId}/purge-contacts`, { confirm: true })).status).to.equal(403);
      expect((await admin.post(`/api/sampling/frames/${frameId}/purge-contacts`, {})).status).to.equal(400);
      const res = await admin.post(`/api/sampling/frames/${frameId}/purge-contacts`, { confirm: true });
      expect(res.status).to.equal(200);
      expect((await json<{ removed: number }>(res)).removed).to.equal(240);
      expect(await server.store.contacts.countByFrame(frameId)).to.equal(0);
      expect(await server.store.households.countByFrame(frameId)).to.equal(240);
      const audit = await server.store.audit.list({ limit: 5, offset: 0 });
      expect(audit.find((e) => e.action === 'frame.contacts.purge')).to.deep.include({ entityId: frameId, actorUsername: 'admin' });
      const letters = await planner.post(`/api/sampling/draws/${drawId}/letters`, { format: 'pdf', reissue: true });
      expect(letters.status).to.equal(409);
      expect((await json<{ error: string }>(letters)).error).to.match(/Kontaktdaten .* gelöscht/);
    });
  });

  it('refuses staff (403) and anonymous callers (401)', async () => {
    const staff = new ApiClient(server.url);
    await staff.login('staff', 'Gera-staff-2026');
    expect((await staff.get('/api/sampling/frames')).status).to.equal(403);
    expect((await upload(staff, 'a;b\n1;2\n')).status).to.equal(403);
    expect((await staff.post('/api/sampling/allocations/preview', {})).status).to.equal(403);
    expect((await new ApiClient(server.url).get('/api/sampling/draws')).status).to.equal(401);
  });

  it('validates bodies with field paths', async () => {
    const res = await planner.post('/api/sampling/draws', { frameId: 'x', method: 'cluster', allocation: { A: -1 } });
    expect(res.status).to.equal(400);
    const paths = (await json<{ details: { path: string }[] }>(res)).details.map((d) => d.path);
    expect(paths).to.include.members(['method', 'allocation.A']);
  });
});
