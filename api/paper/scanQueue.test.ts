import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import { purgeContacts } from '../samplingWorkflow/lettersService';
import { writeSyntheticBatch, type SyntheticBatch } from './testing/syntheticBatch';

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

interface Item {
  item: number;
  question: string;
  kind: 'single' | 'multiple' | 'number';
  choices: { value: string; label: string }[];
  machine: string[];
  hasCrop: boolean;
}
interface FormView {
  formId: string;
  householdKnown: boolean;
  revision: number;
  pagesRead: number[];
  pagesMissing: number[];
  accepted: { question: string; values: string[] }[];
  items: Item[];
}

describe('Verification queue of scanned paper forms (/api/paper/scans)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let staff: ApiClient;
  let planner: ApiClient;
  let dir: string;
  let batch: SyntheticBatch;
  let formId: string;
  let householdId: string;

  before(async () => {
    server = await startTestServer();
    staff = new ApiClient(server.url);
    planner = new ApiClient(server.url);
    expect((await staff.login('staff', 'Gera-staff-2026')).status).to.equal(200);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    // A demo household with a printed form reference and no response yet.
    const draw = (await server.store.draws.list())[0]!;
    for (const ref of await server.store.paperForms.listByDraw(draw.id)) {
      if (!(await server.store.responses.submittedForHousehold(ref.householdId)) && !(await server.store.paperEntries.get(ref.householdId))) {
        formId = ref.formId;
        householdId = ref.householdId;
        break;
      }
    }
    dir = mkdtempSync(join(tmpdir(), 'scan-queue-'));
    batch = await writeSyntheticBatch(dir, { forms: 1, seed: 5150, formIds: [formId], pagesPerForm: 2, singlePdf: true, largePrintShare: 0 });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (bytes: Uint8Array) => {
    const res = await staff.sendBytes('POST', '/api/paper/scans', bytes, { 'content-type': 'application/octet-stream' });
    expect(res.status, await res.clone().text()).to.equal(202);
    let job = (await json<{ import: { id: string; status: string } }>(res)).import;
    const id = job.id;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await json<{ import: typeof job }>(await staff.get(`/api/paper/scans/imports/${id}`))).import;
    }
    return job as unknown as { status: string; pagesDone: number; summary: { pagesRead: number; blackAndWhitePages: number; forms: { formId: string; reviewItems: number; pagesMissing: number[] }[] } | null; error: string | null };
  };

  // One scenario in one test: the purge at its end needs the form verified before it.
  it('reads an uploaded PDF into the queue, shows the items with crops and makes a paper-scan response of the verified form; a purge of the frame then deletes forms still waiting with their images', async () => {
    const job = await upload(readFileSync(join(dir, 'batch.pdf')));
    expect(job.status, String(job.error)).to.equal('done');
    expect(job.pagesDone).to.equal(2);
    expect(job.summary!.blackAndWhitePages, 'the pages of the PDF are grey JPEGs').to.equal(0);
    expect(job.summary!.forms).to.have.length(1);
    expect(job.summary!.forms[0]).to.deep.include({ formId, pagesMissing: [3, 4, 5, 6, 7, 8, 9, 10] });

    const queue = await json<{ forms: { formId: string; householdKnown: boolean; reviewItems: number }[] }>(await staff.get('/api/paper/scans'));
    expect(queue.forms.find((f) => f.formId === formId)).to.deep.include({ householdKnown: true });

    const view = (await json<{ form: FormView }>(await staff.get(`/api/paper/scans/${formId}`))).form;
    expect(view.pagesRead).to.deep.equal([1, 2]);
    expect(view.items.length, 'seed 5150 has items to verify').to.be.greaterThan(0);
    // Every automatically accepted answer is the truth.
    const truth = new Map([...batch.truth.values()].flatMap((p) => p.questions.map((q) => [q.question, q] as const)));
    for (const a of view.accepted) expect(a.values, a.question).to.deep.equal(truth.get(a.question)!.values);
    const withCrop = view.items.find((i) => i.hasCrop)!;
    const crop = await staff.get(`/api/paper/scans/${formId}/items/${withCrop.item}/crop`);
    expect(crop.status).to.equal(200);
    expect(crop.headers.get('content-type')).to.equal('image/png');
    expect([...new Uint8Array(await crop.arrayBuffer()).subarray(0, 4)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47]);

    // Decisions: the truth for choices, a number for digits.
    const decisions: Record<string, string[]> = {};
    for (const i of view.items) {
      const t = truth.get(i.question)!;
      decisions[String(i.item)] = i.kind === 'number' ? (t.values.length > 0 ? ['2'] : []) : t.kind === 'ambiguous' ? [i.choices[0]!.value] : [...t.values];
    }
    const missing = await staff.post(`/api/paper/scans/${formId}/verify`, { revision: view.revision, decisions: {} });
    expect(missing.status).to.equal(422);
    const stale = await staff.post(`/api/paper/scans/${formId}/verify`, { revision: view.revision + 5, decisions });
    expect(stale.status).to.equal(409);
    const ok = await staff.post(`/api/paper/scans/${formId}/verify`, { revision: view.revision, decisions });
    expect(ok.status, await ok.clone().text()).to.equal(200);
    const verified = (await json<{ verified: { outcome: string; responseId: string } }>(ok)).verified;
    expect(verified.outcome).to.equal('counted');

    const response = (await server.store.responses.submittedForHousehold(householdId))!;
    expect(response).to.deep.include({ id: verified.responseId, mode: 'paper-scan', status: 'submitted' });
    // Validated like paper entry: answers to questions whose filter is not met are dropped, the rest kept as read.
    const kept = view.accepted.filter((a) => a.question in response.answers);
    expect(kept.length).to.be.greaterThan(view.accepted.length / 2);
    for (const a of kept) {
      const v = response.answers[a.question];
      expect((Array.isArray(v) ? v : [v]).map(String), a.question).to.deep.equal(a.values);
    }
    // The crops are gone with verification, and the form left the queue.
    expect((await staff.get(`/api/paper/scans/${formId}/items/${withCrop.item}/crop`)).status).to.equal(404);
    expect((await json<{ forms: { formId: string }[] }>(await staff.get('/api/paper/scans'))).forms.map((f) => f.formId)).to.not.include(formId);
    const audit = (await server.store.audit.list({ limit: 20, offset: 0 })).map((e) => e.action);
    expect(audit).to.include.members(['paper.scan_upload', 'paper.scan_verify']);

    // Then the contacts of the frame are purged: forms still waiting go with their images, the
    // verified one stays as the record of what was decided, without its household.
    const drawId = (await server.store.paperForms.get(formId))!.drawId;
    const draw = (await server.store.draws.list()).find((d) => d.id === drawId)!;
    const other = (await server.store.paperForms.listByDraw(draw.id)).find((r) => r.formId !== formId)!;
    const row = { question: 'single_parent', value: '', status: 'review' as const, reason: 'uncertainMark', page: 1 };
    await server.store.scannedForms.putPending(
      { formId: other.formId, householdId: other.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, pagesRead: [1], pagesMissing: [], answers: [row], uploadedBy: 'u', uploadedAt: new Date().toISOString() },
      [{ item: 0, page: 1, png: new Uint8Array([1, 2, 3]) }],
    );
    await purgeContacts(server.store, draw.frameId, SYSTEM_ACTOR);
    expect(await server.store.scannedForms.get(other.formId)).to.equal(null);
    expect(await server.store.scannedForms.crop(other.formId, 0)).to.equal(null);
    expect(await server.store.scannedForms.get(formId)).to.deep.include({ status: 'verified', householdId: null });
    const purged = (await server.store.audit.list({ limit: 5, offset: 0 })).find((e) => e.action === 'frame.contacts.purge')!;
    expect(purged.details).to.deep.include({ scannedForms: 1 });
  });

  it('counts the pages of an upload that were scanned in black and white, so the page can advise scanning in grey', async () => {
    const bw = await writeSyntheticBatch(join(dir, 'bw'), { forms: 1, seed: 5151, formIds: ['BW-0001'], pagesPerForm: 1, pdfs: false, largePrintShare: 0, format: 'bilevel' });
    const file = readdirSync(bw.dir).find((f) => f.startsWith('scan-'))!;
    const job = await upload(readFileSync(join(bw.dir, file)));
    expect(job.status, String(job.error)).to.equal('done');
    expect([job.summary!.pagesRead, job.summary!.blackAndWhitePages]).to.deep.equal([1, 1]);
  });

  it('refuses a file that is not a scan and keeps the queue to staff and admin', async () => {
    const job = await upload(new TextEncoder().encode('household_id;district\n'));
    expect(job.status).to.equal('failed');
    expect(job.error).to.match(/kein PDF, TIFF, PNG oder JPEG|not a PDF, TIFF, PNG or JPEG/);
    expect((await planner.get('/api/paper/scans')).status).to.equal(403);
  });
});
