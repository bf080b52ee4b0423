import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AppError } from '../errors/appError';
import { openStore } from '../store';
import type { Store } from '../store/types';
import v2 from './family-life-quality.v2.json';
import { loadQuestionnaire } from './registry';
import {
  bindWaveQuestionnaire,
  diffQuestionnaireVersions,
  getQuestionnaireVersion,
  importQuestionnaireVersion,
  listQuestionnaireVersions,
  parseVersionReference,
  publishQuestionnaireVersion,
  retireQuestionnaireVersion,
  waveQuestionnaire,
} from './questionnaireVersionService';

const QID = 'family-life-quality';
const planner = { id: 'u-planner', username: 'planner' };
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

async function drawOf(store: Store, wave: number): Promise<string> {
  const frameId = `frame-${wave}`;
  await store.frames.create({
    id: frameId,
    name: 'Frame',
    importedAt: new Date().toISOString(),
    importedBy: null,
    rowCount: 1,
    fingerprint: 'f'.repeat(64),
    columnMapping: { householdId: 'id', district: 'd', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c' },
    districts: [{ district: '01', households: 1 }],
  });
  const draw = await store.draws.create({
    frameId,
    wave,
    method: 'srswor',
    seed: wave,
    prng: 'xoroshiro128+',
    frameFingerprint: 'a'.repeat(64),
    sortKey: null,
    allocationExact: { '01': 1 },
    allocation: { '01': 1 },
    reserve: { '01': 0 },
    createdBy: null,
  });
  return draw.id;
}

describe('questionnaire versions on the store', function () {
  this.timeout(30_000);
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'questionnaire-versions-'));
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports v2 as a draft after the check, diffs it with v1, publishes it, and ties wave 2 to it while wave 1 keeps v1', async () => {
    expect(await listQuestionnaireVersions(store)).to.have.length(1);
    const imported = await importQuestionnaireVersion(store, { questionnaireId: QID, file: JSON.stringify(v2), actor: planner });
    expect(imported).to.include({ questionnaireId: QID, version: 2, status: 'draft', questions: 60, importedBy: 'u-planner', publishedAt: null });

    const diff = await diffQuestionnaireVersions(store, parseVersionReference(`${QID}@1`), parseVersionReference(`${QID}@2`));
    expect(diff.map((r) => [r.change, r.question, r.trendBreaks.join(' ')])).to.deep.equal([
      ['added', 'commute_minutes', ''],
      ['choices-changed', 'moving_intention', 'moving_away_intention'],
    ]);
    expect(diff[1]!.details.map((d) => d.en)).to.deep.equal(['value 4: "Yes, away from the city" → "Yes, to the area around the city"', 'value 6 ("Yes, further away") added']);

    const [wave1, wave2] = [await drawOf(store, 1), await drawOf(store, 2)];
    const draft = await failure(bindWaveQuestionnaire(store, { drawId: wave2, questionnaireId: QID, version: 2, actor: planner }));
    expect(draft).to.be.instanceOf(AppError).and.include({ kind: 'conflict', key: 'questionnaire.notPublished' });

    expect(await publishQuestionnaireVersion(store, QID, 2, planner)).to.include({ status: 'published' });
    expect((await failure(publishQuestionnaireVersion(store, QID, 2, planner)))?.key).to.equal('questionnaire.notDraft');
    await bindWaveQuestionnaire(store, { drawId: wave2, questionnaireId: QID, version: 2, actor: planner });
    expect(await waveQuestionnaire(store, wave2)).to.include({ id: QID, version: 2, bound: true });
    expect(await waveQuestionnaire(store, wave1)).to.include({ id: QID, version: 1, bound: false });
    expect(await waveQuestionnaire(store, null)).to.include({ version: 1 });

    const audit = (await store.audit.list({ limit: 10, offset: 0 })).map((e) => e.action);
    expect(audit).to.include.members(['questionnaire.import', 'questionnaire.publish', 'questionnaire.bind_wave']);
  });

  it('keeps the version of a wave that has answers, and refuses retired versions for a wave', async () => {
    const drawId = await drawOf(store, 1);
    await store.responses.createSubmitted({ householdId: 'HH-1', questionnaireId: QID, questionnaireVersion: 1, mode: 'online', answers: {}, district: '01', wave: 1, drawId });
    await importQuestionnaireVersion(store, { questionnaireId: QID, file: v2, publish: true, actor: planner });
    const refused = await failure(bindWaveQuestionnaire(store, { drawId, questionnaireId: QID, version: 2, actor: planner }));
    expect(refused).to.include({ kind: 'conflict', key: 'questionnaire.waveHasAnswers' });
    await retireQuestionnaireVersion(store, QID, 2, planner);
    expect((await getQuestionnaireVersion(store, QID, 2)).status).to.equal('retired');
    const retired = await failure(bindWaveQuestionnaire(store, { drawId, questionnaireId: QID, version: 2, actor: planner }));
    expect(retired).to.include({ key: 'questionnaire.notPublished' });
  });

  it('checks an import against the indicators as planners edited them, not only as shipped', async () => {
    const [moving] = (await store.indicatorDefinitions.current()).filter((i) => i.indicatorId === 'moving_away_intention');
    await store.indicatorDefinitions.create({
      ...moving!,
      version: moving!.version + 1,
      definition: { ...moving!.definition, rule: { q: 'moving_intention', in: [3, 4, 6] } },
      createdBy: 'planner',
      note: 'counts moving further away (v2)',
    });
    const v1Again = await failure(importQuestionnaireVersion(store, { questionnaireId: QID, file: loadQuestionnaire(1), actor: planner }));
    expect(v1Again).to.include({ key: 'questionnaire.rejected' });
    expect(v1Again!.details!.map((d) => d.path)).to.deep.equal(['$.pages[5].elements[6].choices']);
    expect(v1Again!.details![0]!.message).to.include("Indicator 'moving_away_intention' counts choice value 6");
    expect(await importQuestionnaireVersion(store, { questionnaireId: QID, file: v2, actor: planner })).to.include({ version: 2 });
  });

  it('numbers a new id from 1, refuses a file that fails the check with one detail per problem, and bad ids and references', async () => {
    const small = { pages: [{ name: 'p', elements: [{ type: 'boolean', name: 'has_pet', title: { default: 'Haustier?', en: 'A pet?' } }] }] };
    expect(await importQuestionnaireVersion(store, { questionnaireId: 'pet-survey', file: small, actor: planner })).to.include({ version: 1 });
    expect(await importQuestionnaireVersion(store, { questionnaireId: 'pet-survey', file: small, actor: planner })).to.include({ version: 2 });
    const bad = await failure(importQuestionnaireVersion(store, { questionnaireId: 'pet-survey', file: '{"pages": [{"elements": [{"type": "file", "name": "x", "title": "X"}]}]}', actor: planner }));
    expect(bad).to.include({ kind: 'unprocessable', key: 'questionnaire.rejected' });
    expect(bad!.details).to.deep.equal([{ path: '$.pages[0].elements[0].type', message: bad!.details![0]!.message }]);
    expect(bad!.details![0]!.message).to.match(/^x: Der Fragetyp 'file'.* \/ Question type 'file'/);
    expect((await failure(importQuestionnaireVersion(store, { questionnaireId: 'Bad Id', file: small, actor: planner })))?.key).to.equal('questionnaire.badId');
    expect(() => parseVersionReference('family-life-quality')).to.throw(AppError, /ID@VERSION/);
    expect((await failure(getQuestionnaireVersion(store, QID, 9)))?.kind).to.equal('notFound');
  });
});
