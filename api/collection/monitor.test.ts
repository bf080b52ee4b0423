import { expect } from 'chai';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import type { HouseholdDisposition, PaperEntry, RosterEntry, SurveyResponse } from '../store/types';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { fieldworkMonitor } from './fieldworkMonitor';
import { createInvitedHouseholds } from './testing/testHouseholds';

const unit = (householdId: string, district: string): RosterEntry => ({ householdId, district, wave: 1, drawId: 'd', frameId: 'f', status: 'invited' });
const response = (householdId: string, status: 'draft' | 'submitted', mode: 'online' | 'paper', currentPage = 0, day = '2026-03-02') =>
  ({ householdId, status, mode, currentPage, submittedAt: status === 'submitted' ? `${day}T10:00:00.000Z` : null }) as SurveyResponse;

describe('fieldwork monitor', () => {
  it('computes AAPOR RR1 and RR2 per district with all non-respondents as unknown eligibility', () => {
    const roster = ['a', 'b', 'c', 'd'].map((h) => unit(h, '01')).concat(['e', 'f'].map((h) => unit(h, '02')));
    const responses = [
      response('a', 'submitted', 'online', 9, '2026-03-01'),
      response('b', 'submitted', 'paper', 0, '2026-03-02'),
      response('c', 'draft', 'online', 6), // reached page 7 of 10: partial
      response('e', 'draft', 'online', 1), // break-off: non-response
    ];
    const { districts, total, daily } = fieldworkMonitor(roster, responses, [{ householdId: 'f' } as PaperEntry], 10);
    expect(districts[0]).to.deep.equal({ district: '01', wave: 1, invited: 4, started: 3, completedOnline: 1, completedPaper: 1, partial: 1, refused: 0, unreachable: 0, notEligible: 0, rr1: 2 / 4, rr2: 3 / 4 });
    expect(districts[1]).to.include({ district: '02', invited: 2, started: 2, rr1: 0, rr2: 0 });
    expect(total).to.include({ invited: 6, rr1: 2 / 6, rr2: 3 / 6 });
    expect(daily).to.deep.equal([
      { date: '2026-03-01', online: 1, paper: 0, cumulative: 1 },
      { date: '2026-03-02', online: 0, paper: 1, cumulative: 2 },
    ]);
  });

  it('counts refusals and undeliverable letters in the denominator and leaves not-eligible households out (AAPOR RR1/RR2)', () => {
    // District 01: 10 contacted — 3 complete (I), 1 partial (P), 2 refused (R), 1 undeliverable (UH),
    // 1 not eligible (NE), 2 silent (UH). RR1 = I / (n − NE) = 3 / 9, RR2 = (I + P) / 9 = 4 / 9.
    const ids = Array.from({ length: 10 }, (_, i) => `h${i}`);
    const roster = ids.map((h) => unit(h, '01'));
    const responses = [
      response('h0', 'submitted', 'online', 9),
      response('h1', 'submitted', 'online', 9),
      response('h2', 'submitted', 'paper', 0),
      response('h3', 'draft', 'online', 7),
    ];
    const disposition = (householdId: string, d: HouseholdDisposition['disposition'], drawId = 'd'): HouseholdDisposition =>
      ({ drawId, householdId, disposition: d, note: null, recordedByUserId: null, recordedByUsername: null, recordedAt: '2026-03-02T10:00:00.000Z' });
    const dispositions = [
      disposition('h4', 'refused'),
      disposition('h5', 'refused'),
      disposition('h6', 'unreachable'),
      disposition('h7', 'not_eligible'),
      // Refused on the phone, then answered after all: the completed questionnaire wins.
      disposition('h0', 'refused'),
      // A disposition of the same household id in another draw is another sample unit.
      disposition('h8', 'not_eligible', 'other-draw'),
    ];
    const { districts, total } = fieldworkMonitor(roster, responses, [], 10, dispositions);
    expect(districts[0]).to.include({ invited: 10, completedOnline: 2, completedPaper: 1, partial: 1, refused: 2, unreachable: 1, notEligible: 1 });
    expect(districts[0]!.rr1).to.equal(3 / 9);
    expect(districts[0]!.rr2).to.equal(4 / 9);
    expect(total).to.include({ refused: 2, unreachable: 1, notEligible: 1, rr1: 3 / 9, rr2: 4 / 9 });
    // Without dispositions every non-respondent is of unknown eligibility: the old rates.
    expect(fieldworkMonitor(roster, responses, [], 10).total).to.include({ rr1: 3 / 10, rr2: 4 / 10, refused: 0 });
    // Every contacted household not eligible: no denominator, rates 0.
    const none = fieldworkMonitor([unit('x', '02')], [], [], 10, [disposition('x', 'not_eligible')]).total;
    expect(none).to.include({ notEligible: 1, rr1: 0, rr2: 0 });
  });

  describe('over HTTP', function () {
    this.timeout(60_000);
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => server?.stop());

    it('serves the monitor to planners and the audited reminder CSV (with addresses) to staff only', async () => {
      const households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 3, ['77']);
      await server.store.responses.createSubmitted({ householdId: households[0]!.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'online', answers: {} }).catch(async () => {
        await server.store.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 1, json: {} });
        await server.store.responses.createSubmitted({ householdId: households[0]!.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'online', answers: {} });
      });
      const planner = await signedInClient(server, 'planner');
      const monitor = (await (await planner.get('/api/fieldwork/monitor')).json()) as { districts: { district: string; invited: number; completedOnline: number }[] };
      expect(monitor.districts.find((d) => d.district === '77')).to.include({ invited: 3, completedOnline: 1 });
      expect((await planner.get('/api/fieldwork/reminders.csv')).status).to.equal(403);
      const staff = await signedInClient(server, 'staff');
      const csv = await (await staff.get('/api/fieldwork/reminders.csv')).text();
      expect(csv).to.include(households[1]!.householdId).and.include(households[2]!.householdId).and.include('Teststraße');
      expect(csv).to.not.include(households[0]!.householdId);
      const audit = (await server.store.audit.list({ limit: 20, offset: 0 })).find((e) => e.action === 'fieldwork.reminders_export');
      expect(audit?.actorUsername).to.equal('staff');
    });
  });
});
