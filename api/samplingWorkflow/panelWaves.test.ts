import { expect } from 'chai';
import { generateFrame, type FrameRow } from '../../fixtures/syntheticFrame';
import { panelId } from '../../sampling';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { AppError } from '../errors/appError';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import { createDraw } from './drawService';
import { startWave } from './panelWaves';
import { panelIdKey } from '../secrets/panelIdKey';
import { readPanelRecord } from './panelWavesRegister';
import { SYNTHETIC_FRAME_MAPPING, syntheticRegisterCsv } from './syntheticContacts';
import type { WaveOverview } from './panelWaves';

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Uploads and imports a register extract; returns the new frame's id. */
async function importFrame(client: ApiClient, rows: readonly FrameRow[], name: string): Promise<string> {
  const uploaded = await client.sendBytes('POST', '/api/sampling/uploads', syntheticRegisterCsv(rows, ';'), {
    'content-type': 'text/csv',
    'x-file-name': encodeURIComponent(`${name}.csv`),
  });
  expect(uploaded.status, await uploaded.clone().text()).to.equal(201);
  const { upload } = await json<{ upload: { id: string } }>(uploaded);
  const started = await client.post('/api/sampling/imports', { uploadId: upload.id, name, mapping: SYNTHETIC_FRAME_MAPPING });
  expect(started.status, await started.clone().text()).to.equal(202);
  const importId = (await json<{ import: { id: string } }>(started)).import.id;
  for (let i = 0; i < 600; i++) {
    const { import: progress } = await json<{ import: { state: string; frameId: string | null } }>(await client.get(`/api/sampling/imports/${importId}`));
    if (progress.state === 'done') return progress.frameId!;
    if (progress.state !== 'validating' && progress.state !== 'writing') throw new Error(`import ended in state ${progress.state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

describe('Panel waves API', function () {
  this.timeout(90_000);
  let server: TestServer;
  let planner: ApiClient;
  let staff: ApiClient;
  // Register numbers of their own ('T…'), so the demo's households cannot coincide with them.
  const wave1Rows = generateFrame({ households: 240, districts: 3, seed: 31 }).map((r) => ({ ...r, household_id: `T${r.household_id}` }));
  const districts = [...new Set(wave1Rows.map((r) => r.district))].sort();
  let frame1: string;
  let frame2: string;
  let draw1: string;
  let respondedRegisterIds: string[];
  let movedRegisterIds: Set<string>;
  let wave2Rows: FrameRow[];

  const registerIdsOf = async (frameId: string, householdIds: readonly string[]) =>
    new Map((await server.store.contacts.getMany(frameId, householdIds)).map((c) => [c.householdId, c.registerId]));

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url);
    staff = new ApiClient(server.url);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    expect((await staff.login('staff', 'Gera-staff-2026')).status).to.equal(200);

    frame1 = await importFrame(planner, wave1Rows, 'Registerauszug 2026');
    const drawn = await planner.post('/api/sampling/draws', {
      frameId: frame1,
      method: 'srswor',
      allocation: Object.fromEntries(districts.map((d) => [d, 10])),
      reserve: Object.fromEntries(districts.map((d) => [d, 3])),
      seed: 7,
    });
    expect(drawn.status, await drawn.clone().text()).to.equal(201);
    draw1 = (await json<{ draw: { id: string } }>(drawn)).draw.id;

    // Half of the invited households answer (every other one in householdId order).
    const invited = await server.store.sampleUnits.listByDraw(draw1, 'invited');
    const responders = invited.filter((_, i) => i % 2 === 0);
    for (const u of responders) {
      await server.store.responses.createSubmitted({ householdId: u.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'paper', district: u.district, wave: 1, drawId: draw1, answers: {} });
    }
    const registerIds = await registerIdsOf(frame1, responders.map((u) => u.householdId));
    respondedRegisterIds = responders.map((u) => registerIds.get(u.householdId)!);
    // Returns without questionnaire recorded during wave 1 among the non-responders: 3 refusals,
    // 2 undeliverable letters, 1 household no longer eligible, and 1 undeliverable letter of a
    // household that also left the register (moved away wins). One responder refused on the
    // phone first and answered later: the questionnaire wins, it stays in the panel.
    const silent = invited.filter((_, i) => i % 2 === 1);
    const dispositions: [string, 'refused' | 'unreachable' | 'not_eligible'][] = [
      [silent[0]!.householdId, 'refused'],
      [silent[1]!.householdId, 'refused'],
      [silent[2]!.householdId, 'refused'],
      [silent[3]!.householdId, 'unreachable'],
      [silent[4]!.householdId, 'unreachable'],
      [silent[5]!.householdId, 'not_eligible'],
      [silent[6]!.householdId, 'unreachable'],
      [responders[5]!.householdId, 'refused'],
    ];
    for (const [householdId, disposition] of dispositions) {
      await server.store.dispositions.set({ drawId: draw1, householdId, disposition, note: null, recordedByUserId: null, recordedByUsername: 'staff' });
    }
    const silentMoved = (await registerIdsOf(frame1, [silent[6]!.householdId])).get(silent[6]!.householdId)!;
    // The 2027 extract: four responding households and one silent one moved away, 20 families moved in.
    movedRegisterIds = new Set([...respondedRegisterIds.slice(0, 4), silentMoved]);
    const newcomers = generateFrame({ households: 20, districts: 3, seed: 32 }).map((r) => ({ ...r, household_id: `TN${r.household_id}` }));
    wave2Rows = [...wave1Rows.filter((r) => !movedRegisterIds.has(r.household_id)), ...newcomers];
    frame2 = await importFrame(planner, wave2Rows, 'Registerauszug 2027');
  });
  after(async () => {
    await server?.stop();
  });

  const startBody = (over: Record<string, unknown> = {}) => ({
    previousDrawId: draw1,
    frameId: frame2,
    allocation: Object.fromEntries(districts.map((d) => [d, 5])),
    reserve: { [districts[0]!]: 2 },
    seed: 99,
    ...over,
  });

  it('shows wave 1 in the overview with its panel ids recorded', async () => {
    const res = await planner.get('/api/sampling/waves');
    expect(res.status).to.equal(200);
    const { waves } = await json<{ waves: WaveOverview[] }>(res);
    const wave1 = waves.find((w) => w.drawId === draw1)!;
    expect(wave1).to.include({ wave: 1, panelRecorded: true, previousDrawId: null, seed: 7 });
    expect(wave1.totals).to.include({ households: 240, contacted: 30, panel: 0, fresh: 30, responded: 15, attrition: 0, reserveDrawn: 9, reserveLeft: 9 });
    expect(wave1.districts.map((d) => d.district)).to.deep.equal(districts);
    // The demo's wave 1 is listed too, so a newcomer sees a wave on an empty installation.
    expect(waves.filter((w) => w.wave === 1).length).to.be.at.least(2);
  });

  it('refuses a wave 2 from the same frame, from an unrelated frame, and for the wrong caller', async () => {
    const sameFrame = await planner.post('/api/sampling/waves', startBody({ frameId: frame1 }), { 'accept-language': 'de' });
    expect(sameFrame.status).to.equal(409);
    expect((await json<{ error: string }>(sameFrame)).error).to.match(/wurde schon für Welle 1 verwendet/);
    const otherCity = await importFrame(planner, generateFrame({ households: 60, districts: 3, seed: 33 }).map((r) => ({ ...r, household_id: `X${r.household_id}` })), 'Andere Stadt');
    const unrelated = await planner.post('/api/sampling/waves', startBody({ frameId: otherCity }), { 'accept-language': 'en' });
    expect(unrelated.status).to.equal(409);
    expect((await json<{ error: string }>(unrelated)).error).to.match(/contains none of the 30 households of wave 1/);
    expect((await planner.post('/api/sampling/waves', startBody({ previousDrawId: 'no-such-draw' }))).status).to.equal(404);
    const invalid = await planner.post('/api/sampling/waves', startBody({ seed: -1 }));
    expect(invalid.status).to.equal(400);
    expect((await json<{ details: { path: string }[] }>(invalid)).details.map((d) => d.path)).to.include('seed');
    expect((await staff.post('/api/sampling/waves', startBody())).status).to.equal(403);
    expect((await staff.get('/api/sampling/waves')).status).to.equal(403);
    const tooLarge = await planner.post('/api/sampling/waves', startBody({ allocation: Object.fromEntries(districts.map((d) => [d, 500])) }), { 'accept-language': 'en' });
    expect(tooLarge.status).to.equal(400);
    expect((await json<{ error: string }>(tooLarge)).error).to.match(/never drawn/);
  });

  describe('once wave 2 has started', () => {
    /** The answer to starting wave 2, and to issuing its codes right after (wave 1 had `wave1Codes` codes). */
    let started: { wave: WaveOverview; reinvited: number; attrition: number; refreshment: number; reserve: number; excluded: number };
    let codes: { status: number; letterCount: string | null; csv: string; wave1Codes: number };
    let draw2: string;
    /** Wave 2's households and the audit trail as the start left them, before any release or later wave. */
    let unitsAtStart: Awaited<ReturnType<TestServer['store']['sampleUnits']['listByDraw']>>;
    let auditAtStart: Awaited<ReturnType<TestServer['store']['audit']['list']>>;

    before(async () => {
      const res = await planner.post('/api/sampling/waves', startBody());
      expect(res.status, await res.clone().text()).to.equal(201);
      started = await json(res);
      draw2 = started.wave.drawId;
      unitsAtStart = await server.store.sampleUnits.listByDraw(draw2);
      auditAtStart = await server.store.audit.list({ limit: 5, offset: 0 });
      const wave1Codes = (await server.store.accessCodes.listByDraw(draw1)).length;
      const issued = await planner.post(`/api/sampling/draws/${draw2}/codes`, { reissue: false });
      codes = { status: issued.status, letterCount: issued.headers.get('x-letter-count'), csv: await issued.text(), wave1Codes };
    });

    it('starts wave 2: re-invites the responding stayers, records attrition, draws the refreshment among households never drawn', async () => {
      const body = started;
      expect(body).to.include({ reinvited: 11, attrition: 19, refreshment: 15, reserve: 2 });
      // Recorded dispositions take precedence over 'nonresponse'; the register's 'moved_away' over both.
      expect(body.wave.totals.attritionByReason).to.deep.equal({ moved_away: 5, refused: 3, unreachable: 2, no_longer_eligible: 1, nonresponse: 8 });
      expect(body.wave).to.include({ wave: 2, previousDrawId: draw1, frameId: frame2, seed: 99 });
      expect(body.wave.totals).to.include({ contacted: 26, panel: 11, fresh: 15, reserveDrawn: 2 });
      // Excluded: every household of wave 1 (39 drawn incl. reserve) still in the new frame.
      expect(body.excluded).to.equal(39 - 5);

      const units = unitsAtStart;
      const registerIds = await registerIdsOf(frame2, units.map((u) => u.householdId));
      const drawnInWave1 = await server.store.sampleUnits.listByDraw(draw1);
      const wave1RegisterIds = new Set((await registerIdsOf(frame1, drawnInWave1.map((u) => u.householdId))).values());
      const record = (await readPanelRecord(server.store, draw2))!;
      const origin = new Map(record.members.map((m) => [m.householdId, m.origin]));
      const panelUnits = units.filter((u) => origin.get(u.householdId) === 'panel');
      const refreshmentUnits = units.filter((u) => origin.get(u.householdId) === 'refreshment');
      expect(panelUnits).to.have.length(11);
      expect(refreshmentUnits).to.have.length(17);
      // Stayers are the responding wave-1 households still registered; nobody drawn before is in the refreshment.
      expect(panelUnits.map((u) => registerIds.get(u.householdId)).sort()).to.deep.equal(respondedRegisterIds.filter((id) => !movedRegisterIds.has(id)).sort());
      // Refused, undeliverable and no longer eligible households are not re-invited.
      const attrited = new Map(record.attrition.map((a) => [a.panelId, a.reason]));
      expect([...attrited.values()].filter((r) => r !== 'moved_away' && r !== 'nonresponse')).to.have.length(6);
      for (const m of record.members) expect(attrited.has(m.panelId), m.householdId).to.equal(false);
      for (const u of refreshmentUnits) expect(wave1RegisterIds.has(registerIds.get(u.householdId)!), registerIds.get(u.householdId)).to.equal(false);

      // Stable panel ids: the same household has the same id in both waves, derived from the register number.
      const key = panelIdKey(server.dataDir);
      const record1 = (await readPanelRecord(server.store, draw1))!;
      const wave1PanelIds = new Set(record1.members.map((m) => m.panelId));
      for (const m of record.members) {
        expect(m.panelId).to.equal(panelId(registerIds.get(m.householdId)!, key));
        expect(wave1PanelIds.has(m.panelId)).to.equal(m.origin === 'panel');
        expect(m.entryWave).to.equal(m.origin === 'panel' ? 1 : 2);
      }

      // Every contacted household carries the combined weight N_h / (p_h + m_h) of the new frame.
      for (const d of districts) {
        const N = wave2Rows.filter((r) => r.district === d).length;
        const contacted = units.filter((u) => u.district === d && u.status === 'invited');
        for (const u of contacted) expect(u.designWeight).to.be.closeTo(N / contacted.length, 1e-12);
        const weights = body.wave.districts.find((x) => x.district === d)!.weights!;
        expect(weights.designWeight).to.be.closeTo(N / contacted.length, 1e-12);
        expect(weights.refreshment).to.equal(5);
      }

      const entry = auditAtStart.find((a) => a.action === 'wave.start')!;
      expect(entry.entityId).to.equal(draw2);
      expect(entry.details).to.include({ wave: 2, reinvited: 11, refreshment: 15, seed: 99 });
    });

    it('starts a wave only once', async () => {
      const again = await planner.post('/api/sampling/waves', startBody({ seed: 100 }), { 'accept-language': 'de' });
      expect(again.status).to.equal(409);
      expect((await json<{ error: string }>(again)).error).to.match(/^Welle 2 wurde bereits am \d{4}-\d\d-\d\d begonnen/);
    });

    it('issues codes only for the households of wave 2 and keeps wave 1 codes', async () => {
      expect(codes.status, codes.csv.slice(0, 300)).to.equal(200);
      expect(codes.letterCount).to.equal('26');
      const invited = (await server.store.sampleUnits.listByDraw(draw2, 'invited')).map((u) => u.householdId).sort();
      expect(invited).to.have.length(26);
      expect((await server.store.accessCodes.listByDraw(draw2)).map((c) => c.householdId).sort()).to.deep.equal(invited);
      expect((await server.store.accessCodes.listByDraw(draw1)).length).to.equal(codes.wave1Codes);
      expect(codes.csv.split('\n').filter((l) => l.trim()).length).to.equal(27);
    });

    it('reproduces the refreshment draw from its record', async () => {
      const res = await planner.get(`/api/sampling/draws/${draw2}/verify`);
      expect(await json(res)).to.deep.equal({ reproducible: true, fingerprintMatches: true, prngMatches: true, unitsMatch: true });
    });

    it('releases a reserve batch of the refreshment and answers the recomputed weights', async () => {
      const district = districts[0]!;
      const N = wave2Rows.filter((r) => r.district === district).length;
      const contactedBefore = (await server.store.sampleUnits.listByDraw(draw2)).filter((u) => u.district === district && u.status === 'invited').length;
      const res = await planner.post(`/api/sampling/draws/${draw2}/reserve-release`, { batch: { [district]: 1 } });
      expect(res.status, await res.clone().text()).to.equal(200);
      const body = await json<{ released: number; design: Record<string, { inclusionProbability: number; designWeight: number }> }>(res);
      expect(body.released).to.equal(1);
      expect(body.design[district]!.designWeight).to.be.closeTo(N / (contactedBefore + 1), 1e-12);
      const exhausted = await planner.post(`/api/sampling/draws/${draw2}/reserve-release`, { batch: { [district]: 2 } }, { 'accept-language': 'de' });
      expect(exhausted.status).to.equal(400);
      expect((await json<{ error: string }>(exhausted)).error).to.match(/nur noch 1 Reserve-Haushalte übrig/);
      const empty = await planner.post(`/api/sampling/draws/${draw2}/reserve-release`, { batch: { [district]: 0 } });
      expect(empty.status).to.equal(400);
      const { waves } = await json<{ waves: WaveOverview[] }>(await planner.get('/api/sampling/waves'));
      const wave2 = waves.find((w) => w.drawId === draw2)!;
      expect(wave2.districts.find((d) => d.district === district)).to.include({ reserveReleased: 1, reserveLeft: 1, contacted: contactedBefore + 1 });
      const audit = await server.store.audit.list({ limit: 3, offset: 0 });
      expect(audit.find((a) => a.action === 'draw.reserve.release')?.entityId).to.equal(draw2);
    });

    it('starts wave 3 once when two planners press at the same time', async () => {
      const frame3 = await importFrame(planner, wave2Rows, 'Registerauszug 2028');
      const body = { previousDrawId: draw2, frameId: frame3, allocation: Object.fromEntries(districts.map((d) => [d, 2])), seed: 3 };
      const statuses = (await Promise.all([planner.post('/api/sampling/waves', body), planner.post('/api/sampling/waves', body)])).map((r) => r.status).sort();
      expect(statuses).to.deep.equal([201, 409]);
      expect((await server.store.draws.list()).filter((d) => d.wave === 3)).to.have.length(1);
    });

    it('recovers the panel ids of a draw made without them from its contacts, and refuses once they are purged', async () => {
      const key = panelIdKey(server.dataDir);
      const rows = generateFrame({ households: 60, districts: 2, seed: 41 }).map((r) => ({ ...r, household_id: `R${r.household_id}` }));
      const oldFrame = await importFrame(planner, rows, 'Altbestand');
      const names = [...new Set(rows.map((r) => r.district))];
      // A draw made before the panel register existed (no key): wave 7 of a separate panel.
      const { draw } = await createDraw(server.store, { frameId: oldFrame, method: 'srswor', allocation: Object.fromEntries(names.map((d) => [d, 4])), seed: 3, wave: 7 }, SYSTEM_ACTOR);
      expect(await readPanelRecord(server.store, draw.id)).to.equal(null);
      const newFrame = await importFrame(planner, rows, 'Altbestand neu');
      const started = await startWave(server.store, { previousDrawId: draw.id, frameId: newFrame, allocation: Object.fromEntries(names.map((d) => [d, 1])), seed: 5 }, key, SYSTEM_ACTOR);
      // Nobody answered: all 8 leave the panel as nonresponse, the refreshment avoids them.
      expect(started).to.include({ reinvited: 0, attrition: 8, refreshment: 2, excluded: 8 });
      expect((await readPanelRecord(server.store, draw.id))!.members).to.have.length(8);

      const purgedDraw = (await createDraw(server.store, { frameId: newFrame, method: 'srswor', allocation: Object.fromEntries(names.map((d) => [d, 1])), seed: 9, wave: 20 }, SYSTEM_ACTOR)).draw;
      await server.store.contacts.purgeFrame(newFrame);
      const third = await importFrame(planner, rows, 'Altbestand 3');
      try {
        await startWave(server.store, { previousDrawId: purgedDraw.id, frameId: third, allocation: Object.fromEntries(names.map((d) => [d, 0])) }, key, SYSTEM_ACTOR);
        expect.fail('expected a refusal');
      } catch (err) {
        expect((err as AppError).kind).to.equal('conflict'); // 409
        expect((err as Error).message).to.match(/No panel ids were recorded for wave 20/);
      }
    });
  });
});
