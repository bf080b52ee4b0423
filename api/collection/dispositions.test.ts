import { expect } from 'chai';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { AppError } from '../errors/appError';
import { cleanNote } from './dispositionService';
import { createInvitedHouseholds, type InvitedHousehold } from './testing/testHouseholds';

interface MonitorRow {
  district: string;
  invited: number;
  refused: number;
  unreachable: number;
  notEligible: number;
  rr1: number;
}

describe('returns without questionnaire (dispositions)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let staff: ApiClient;

  const login = (name: string) => signedInClient(server, name);
  const district = async (c: ApiClient, name: string) => ((await (await c.get('/api/fieldwork/monitor')).json()) as { districts: MonitorRow[] }).districts.find((d) => d.district === name)!;
  /** Invited households of a district of their own, so each test's monitor row counts only what that test did. */
  const invitedIn = (name: string, count = 6): Promise<InvitedHousehold[]> => createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), count, [name]);

  before(async () => {
    server = await startTestServer();
    staff = await login('staff');
  });
  after(async () => server?.stop());

  it('records an undeliverable letter by its printed code and a refusal by household id; the monitor counts them', async () => {
    const households = await invitedIn('81');
    expect(await district(staff, '81')).to.include({ invited: 6, refused: 0, unreachable: 0, notEligible: 0 });
    const byCode = await staff.post('/api/fieldwork/dispositions', { code: households[0]!.code.toLowerCase(), disposition: 'unreachable', note: 'Brief: unbekannt verzogen' });
    expect(byCode.status).to.equal(200);
    const recorded = (await byCode.json()) as { disposition: Record<string, unknown>; before: unknown };
    expect(recorded.before).to.equal(null);
    expect(recorded.disposition).to.include({ householdId: households[0]!.householdId, district: '81', wave: 1, disposition: 'unreachable', note: 'Brief: unbekannt verzogen', recordedByUsername: 'staff' });
    expect(JSON.stringify(recorded)).to.not.include(households[0]!.code);
    expect((await staff.post('/api/fieldwork/dispositions', { householdId: households[1]!.householdId, disposition: 'refused' })).status).to.equal(200);
    expect((await staff.post('/api/fieldwork/dispositions', { householdId: households[2]!.householdId, disposition: 'not_eligible' })).status).to.equal(200);
    const row = await district(staff, '81');
    expect(row).to.include({ invited: 6, refused: 1, unreachable: 1, notEligible: 1 });
    expect(row.rr1).to.equal(0);
  });

  it('corrects and clears a disposition, audited with before and after (never the note text)', async () => {
    const [h] = (await invitedIn('82', 1)) as [InvitedHousehold];
    await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'refused', note: 'am Telefon' });
    const fixed = (await (await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'unreachable' })).json()) as { before: { disposition: string }; disposition: { drawId: string } };
    expect(fixed.before.disposition).to.equal('refused');
    const recent = (await (await staff.get('/api/fieldwork/dispositions?limit=3')).json()) as { dispositions: { householdId: string; disposition: string; district: string }[] };
    expect(recent.dispositions[0]).to.include({ householdId: h.householdId, disposition: 'unreachable', district: '82' });
    const cleared = await staff.request('DELETE', `/api/fieldwork/dispositions/${fixed.disposition.drawId}/${h.householdId}`, {});
    expect(cleared.status).to.equal(200);
    expect((await staff.request('DELETE', `/api/fieldwork/dispositions/${fixed.disposition.drawId}/${h.householdId}`, {})).status).to.equal(404);
    const audit = (await server.store.audit.list({ limit: 50, offset: 0 })).filter((e) => e.entityId === `${fixed.disposition.drawId}/${h.householdId}`);
    expect(audit.map((e) => [e.action, e.beforeSummary, e.afterSummary])).to.deep.equal([
      ['fieldwork.disposition_cleared', 'unreachable', null],
      ['fieldwork.disposition_set', 'refused · with note', 'unreachable'],
      ['fieldwork.disposition_set', null, 'refused · with note'],
    ]);
    expect(JSON.stringify(audit)).to.not.include('am Telefon');
  });

  it('leaves households with a disposition out of the reminder list', async () => {
    const households = await invitedIn('83');
    const settled = [
      { code: households[0]!.code, disposition: 'unreachable' },
      { householdId: households[1]!.householdId, disposition: 'refused' },
      { householdId: households[2]!.householdId, disposition: 'not_eligible' },
    ];
    for (const body of settled) expect((await staff.post('/api/fieldwork/dispositions', body)).status).to.equal(200);
    const csv = await (await staff.get('/api/fieldwork/reminders.csv')).text();
    for (const h of households.slice(0, 3)) expect(csv).to.not.include(h.householdId);
    for (const h of households.slice(3)) expect(csv).to.include(h.householdId);
  });

  it('lets a completed questionnaire win over an earlier refusal, and refuses a disposition after the answer', async () => {
    const [h] = (await invitedIn('84', 5)) as [InvitedHousehold];
    await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'refused' });
    expect((await district(staff, '84')).refused).to.equal(1);
    const q = await server.store.questionnaireVersions.latest('family-life-quality');
    await server.store.responses.createSubmitted({ householdId: h.householdId, questionnaireId: q!.questionnaireId, questionnaireVersion: q!.version, mode: 'online', answers: {} });
    const row = await district(staff, '84');
    expect(row.refused).to.equal(0);
    expect(row.rr1).to.equal(1 / 5);
    const late = await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'refused' }, { 'Accept-Language': 'en' });
    expect(late.status).to.equal(409);
    expect(((await late.json()) as { error: string }).error).to.equal('This household has already returned its questionnaire; it counts as answered. Please check the code.');
  });

  it('answers bad input with German/English messages and refuses planners', async () => {
    const [h] = (await invitedIn('85', 1)) as [InvitedHousehold];
    const both = await staff.post('/api/fieldwork/dispositions', { code: h.code, householdId: h.householdId, disposition: 'refused' });
    expect(both.status).to.equal(400);
    expect(((await both.json()) as { error: string }).error).to.equal('Bitte entweder den Zugangscode oder die Haushaltsnummer angeben, nicht beides.');
    const unknown = await staff.post('/api/fieldwork/dispositions', { code: 'ABCD-EFGH-JKLM-N', disposition: 'refused' });
    expect(unknown.status).to.equal(404);
    const wrongKind = await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'moved' }, { 'Accept-Language': 'en' });
    expect(wrongKind.status).to.equal(400);
    expect(((await wrongKind.json()) as { details: { path: string; message: string }[] }).details).to.deep.equal([{ path: 'disposition', message: 'Allowed values: refused, unreachable, not_eligible.' }]);
    const phone = await staff.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'refused', note: 'Rückruf 0365 123456' });
    expect(phone.status).to.equal(422);
    expect(((await phone.json()) as { error: string }).error).to.equal('Die Notiz darf keine Namen, Telefonnummern oder E-Mail-Adressen enthalten.');
    const planner = await login('planner');
    expect((await planner.post('/api/fieldwork/dispositions', { householdId: h.householdId, disposition: 'refused' })).status).to.equal(403);
    expect((await planner.get('/api/fieldwork/dispositions')).status).to.equal(403);
    expect(await server.store.dispositions.list()).to.satisfy((all: { householdId: string }[]) => all.every((d) => d.householdId !== h.householdId));
  });

  it('cleans notes: trimmed, empty as null, contact data refused', () => {
    expect(cleanNote('  Brief   zurück  ')).to.equal('Brief zurück');
    expect(cleanNote('   ')).to.equal(null);
    expect(cleanNote(undefined)).to.equal(null);
    expect(cleanNote('Kind ist 17, bald 18')).to.equal('Kind ist 17, bald 18');
    expect(() => cleanNote('mail an x@y.de')).to.throw(AppError);
    expect(() => cleanNote('Tel. 0365/12-34-5')).to.throw(AppError);
  });
});
