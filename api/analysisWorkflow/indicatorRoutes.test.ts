import { expect } from 'chai';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';

interface Stored {
  indicatorId: string;
  version: number;
  createdBy: string | null;
  note: string | null;
  definition: { label: { de: string; en: string }; denominatorLabel: { de: string; en: string }; direction: 'need' | 'context'; rule: unknown; denominator: unknown; questions: string[]; questionnaire: { id: string; version: number } };
}
type Indicators = { indicators: { id: string; version?: number; overall: { estimate: number } }[] };

describe('indicator editor routes on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    planner = await signedInClient(server, 'planner', { 'accept-language': 'en' });
  });
  after(async () => server?.stop());

  const versionsOf = async (id: string) => ((await (await planner.get(`/api/analysis/indicator-definitions/${id}/versions`)).json()) as { versions: Stored[] }).versions;
  const draftOf = (s: Stored, change: Partial<Stored['definition']> = {}) => {
    const d = { ...s.definition, ...change };
    return { label: d.label, denominatorLabel: d.denominatorLabel, direction: d.direction, rule: d.rule, denominator: d.denominator, questionnaire: d.questionnaire };
  };

  it('only planners and administrators may read or edit indicators', async () => {
    const staff = await signedInClient(server, 'staff');
    expect((await staff.get('/api/analysis/indicator-definitions')).status).to.equal(403);
    expect((await new ApiClient(server.url).get('/api/analysis/indicator-definitions')).status).to.equal(401);
  });

  it('lists the 20 stored indicators at version 1 and the questions a rule may read', async () => {
    const body = (await (await planner.get('/api/analysis/indicator-definitions')).json()) as { indicators: Stored[]; questionnaires: { id: string; versions: number[] }[] };
    expect(body.indicators).to.have.length(20);
    // Each starts at the shipped version 1 (the other tests of this file may have added a version 2).
    for (const i of body.indicators) {
      const versions = await versionsOf(i.indicatorId);
      expect(versions[0]!.version, i.indicatorId).to.equal(i.version);
      expect(versions.at(-1), i.indicatorId).to.include({ version: 1, createdBy: null });
    }
    expect(body.questionnaires[0]!.id).to.equal('family-life-quality');
    expect(body.questionnaires[0]!.versions).to.include(1);
    const questions = (await (await planner.get('/api/analysis/indicator-definitions/questions?version=1')).json()) as { questions: { name: string; choices?: { value: unknown }[] }[] };
    expect(questions.questions.find((q) => q.name === 'safety_night')!.choices!.map((c) => c.value)).to.deep.equal([1, 2, 3, 4]);
    expect((await planner.get('/api/analysis/indicator-definitions/questions?version=99')).status).to.equal(400);
    expect((await planner.get('/api/analysis/indicator-definitions/nope/versions')).status).to.equal(404);
  });

  it('checks a draft and refuses to save one with problems, naming each field; nothing is stored', async () => {
    const stored = await versionsOf('unsafe_at_night');
    const night = stored.at(-1);
    const bad = draftOf(night!, { rule: { q: 'safety_night', in: [4, 9] }, label: { de: 'Nachts unsicher', en: '' } });
    const checked = (await (await planner.post('/api/analysis/indicator-definitions/unsafe_at_night/check', { draft: bad })).json()) as { problems: { field: string; reason: { de: string; en: string } }[] };
    expect(checked.problems.map((p) => p.field)).to.deep.equal(['label.en', 'rule.in[1]']);
    expect(checked.problems[1]!.reason.de).to.equal('Code 9 gibt es bei Frage safety_night nicht (vorhanden: 1, 2, 3, 4).');
    const refused = await planner.post('/api/analysis/indicator-definitions/unsafe_at_night/versions', { draft: bad, basedOnVersion: stored[0]!.version });
    expect(refused.status).to.equal(422);
    const error = (await refused.json()) as { error: string; details: { path: string; message: string }[] };
    expect(error.error).to.equal('The definition does not fit family-life-quality v1: 2 problems. Nothing was saved.');
    expect(error.details.map((d) => d.path)).to.deep.equal(['label.en', 'rule.in[1]']);
    const malformed = await planner.post('/api/analysis/indicator-definitions/unsafe_at_night/versions', { draft: { ...bad, rule: { q: 'safety_night', like: 3 } }, basedOnVersion: stored[0]!.version });
    expect(malformed.status).to.equal(400);
    expect(await versionsOf('unsafe_at_night')).to.have.length(stored.length);
  });

  it('saves an edit as version 2 (audited), and the analysis estimates the new definition', async () => {
    const before = (await (await planner.get('/api/analysis/indicators')).json()) as Indicators;
    const oldShare = before.indicators.find((i) => i.id === 'unsafe_at_night')!.overall.estimate;
    const [night] = ((await (await planner.get('/api/analysis/indicator-definitions/unsafe_at_night/versions')).json()) as { versions: Stored[] }).versions;
    const label = { de: 'Fühlt sich nachts sehr unsicher', en: 'Feels very unsafe at night' };
    const saved = await planner.post('/api/analysis/indicator-definitions/unsafe_at_night/versions', { draft: draftOf(night!, { rule: { q: 'safety_night', eq: 4 }, label }), basedOnVersion: 1, note: 'only "very unsafe"' });
    expect(saved.status, await saved.clone().text()).to.equal(201);
    const { version } = (await saved.json()) as { version: Stored };
    expect(version).to.include({ indicatorId: 'unsafe_at_night', version: 2, createdBy: 'planner', note: 'only "very unsafe"' });
    expect(version.definition.questions).to.deep.equal(['safety_night']);

    const versions = ((await (await planner.get('/api/analysis/indicator-definitions/unsafe_at_night/versions')).json()) as { versions: Stored[] }).versions;
    expect(versions.map((v) => v.version)).to.deep.equal([2, 1]);

    const after = (await (await planner.get('/api/analysis/indicators?lang=en')).json()) as { indicators: { id: string; version?: number; label: string; overall: { estimate: number } }[] };
    const now = after.indicators.find((i) => i.id === 'unsafe_at_night')!;
    expect(now.version).to.equal(2);
    expect(now.label).to.equal('Feels very unsafe at night');
    // "very unsafe" alone is a part of "rather or very unsafe".
    expect(now.overall.estimate).to.be.lessThan(oldShare);
    expect(now.overall.estimate).to.be.greaterThan(0);

    // The exports write the rule actually used.
    const script = await (await planner.get('/api/analysis/export/reproduce.R')).text();
    expect(script).to.contain('unsafe_at_night v2');
    expect(script).to.contain('md$unsafe_at_night <- with(md, indicator(TRUE, in_codes(safety_night, c(4))))');
    expect(await (await planner.get('/api/analysis/export/codebook.csv')).text()).to.contain('rule: in_codes(safety_night, c(4))');

    const admin = await signedInClient(server, 'admin');
    const audit = (await (await admin.get('/api/admin/audit?limit=20')).json()) as { entries: { action: string; actorUsername: string; entityId: string; beforeId: string; afterId: string; afterSummary: string; details: { changed: string[] } }[] };
    const entry = audit.entries.find((e) => e.action === 'indicator.version')!;
    expect(entry).to.include({ actorUsername: 'planner', entityId: 'unsafe_at_night', beforeId: 'unsafe_at_night@1', afterId: 'unsafe_at_night@2' });
    expect(entry.details.changed).to.deep.equal(['label', 'rule']);
    expect(entry.afterSummary).to.contain('in_codes(safety_night, c(4))');
  });

  it('refuses a save based on an older version, and a save that changes nothing', async () => {
    // An indicator of its own (the edit test changes unsafe_at_night): someone saves version 2 first.
    const id = 'playground_dissatisfied';
    const [first] = await versionsOf(id);
    expect(first, `indicator ${id}`).to.include({ version: 1 });
    const flipped = first!.definition.direction === 'need' ? 'context' : 'need';
    const meanwhile = await planner.post(`/api/analysis/indicator-definitions/${id}/versions`, { draft: draftOf(first!, { direction: flipped }), basedOnVersion: 1 });
    expect(meanwhile.status, await meanwhile.clone().text()).to.equal(201);
    const stale = await planner.post(`/api/analysis/indicator-definitions/${id}/versions`, { draft: draftOf(first!, { label: { de: 'Spielplätze: unzufrieden', en: 'Playgrounds: dissatisfied' } }), basedOnVersion: 1 }, { 'accept-language': 'de' });
    expect(stale.status).to.equal(409);
    expect(((await stale.json()) as { error: string }).error).to.match(/inzwischen geändert \(jetzt Version 2\)/);
    const [latest] = await versionsOf(id);
    const same = await planner.post(`/api/analysis/indicator-definitions/${id}/versions`, { draft: draftOf(latest!), basedOnVersion: latest!.version });
    expect(same.status).to.equal(409);
  });
});
