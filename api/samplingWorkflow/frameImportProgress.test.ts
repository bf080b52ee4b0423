/**
 * A large frame import through the server: progress polls are answered with growing numbers
 * while it runs (the import never holds the server for long), and a rejected or failed import
 * leaves the frames as they were, with no pending frame and no stray households behind.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { READ_SHARE } from './frameImport';
import { SYNTHETIC_FRAME_MAPPING, syntheticRegisterCsv } from './syntheticContacts';

interface Progress {
  id: string;
  state: 'validating' | 'writing' | 'done' | 'rejected' | 'failed';
  percent: number;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  rowsWritten: number;
  rowsTotal: number | null;
  errors: { row: number; column: string; code: string; reason: string }[];
  errorCount: number;
  frameId: string | null;
  message: string | null;
}

interface Poll {
  progress: Progress;
  /** Milliseconds the server took to answer. */
  latency: number;
}

const ROWS = 200_000;

async function startImport(client: ApiClient, csv: string): Promise<Progress> {
  const res = await client.sendBytes('POST', '/api/sampling/uploads', csv, { 'content-type': 'text/csv', 'x-file-name': 'gross.csv' });
  expect(res.status).to.equal(201);
  const { upload } = (await res.json()) as { upload: { id: string } };
  const started = await client.post('/api/sampling/imports', { uploadId: upload.id, mapping: SYNTHETIC_FRAME_MAPPING });
  expect(started.status).to.equal(202);
  return ((await started.json()) as { import: Progress }).import;
}

/** Polls like the UI does until the import has ended; returns every answer. */
async function pollUntilEnded(client: ApiClient, id: string): Promise<Poll[]> {
  const polls: Poll[] = [];
  for (;;) {
    const sent = Date.now();
    const res = await client.get(`/api/sampling/imports/${id}`);
    expect(res.status).to.equal(200);
    const { import: progress } = (await res.json()) as { import: Progress };
    polls.push({ progress, latency: Date.now() - sent });
    if (!['validating', 'writing'].includes(progress.state)) return polls;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Frame import of 200,000 households through the server', function () {
  this.timeout(300_000);
  let server: TestServer;
  let planner: ApiClient;
  const rows = generateFrame({ households: ROWS, districts: 12, seed: 7 });
  const csv = syntheticRegisterCsv(rows);

  /**
   * Rows the store holds that no visible frame owns, and pending frames: both must stay zero. Read
   * from the database file, past the store, which by design never shows rows of unfinished imports.
   */
  const leftovers = () => {
    const db = new Database(join(server.dataDir, 'platform.sqlite'), { readonly: true });
    try {
      const visible = 'SELECT id FROM frames WHERE import_heartbeat_at IS NULL';
      return {
        pendingFrames: (db.prepare('SELECT COUNT(*) AS n FROM frames WHERE import_heartbeat_at IS NOT NULL').get() as { n: number }).n,
        households: (db.prepare(`SELECT COUNT(*) AS n FROM households WHERE frame_id NOT IN (${visible})`).get() as { n: number }).n,
        contacts: (db.prepare(`SELECT COUNT(*) AS n FROM contacts WHERE frame_id NOT IN (${visible})`).get() as { n: number }).n,
      };
    } finally {
      db.close();
    }
  };
  const frames = async () => ((await (await planner.get('/api/sampling/frames')).json()) as { frames: { id: string; rowCount: number }[] }).frames;

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
  });
  after(async () => {
    await server?.stop();
  });

  it('answers progress polls with growing numbers in both phases while the import runs', async () => {
    const before = await frames();
    const started = Date.now();
    const job = await startImport(planner, csv);
    const polls = await pollUntilEnded(planner, job.id);
    const duration = Date.now() - started;
    const last = polls.at(-1)!.progress;
    expect(last, last.message ?? '').to.deep.include({ state: 'done', percent: 100, rowsRead: ROWS, rowsWritten: ROWS, rowsTotal: ROWS, errorCount: 0 });

    const running = polls.map((p) => p.progress).filter((p) => p.state === 'validating' || p.state === 'writing');
    const reading = running.filter((p) => p.state === 'validating');
    const writing = running.filter((p) => p.state === 'writing');
    expect(reading.length, 'polls answered while reading').to.be.at.least(2);
    expect(writing.length, 'polls answered while writing').to.be.at.least(2);
    // Monotonic: percent never falls; each phase's counter never falls and grows within the phase.
    for (let i = 1; i < polls.length; i++) expect(polls[i]!.progress.percent).to.be.at.least(polls[i - 1]!.progress.percent);
    for (let i = 1; i < reading.length; i++) expect(reading[i]!.rowsRead).to.be.at.least(reading[i - 1]!.rowsRead);
    for (let i = 1; i < writing.length; i++) expect(writing[i]!.rowsWritten).to.be.at.least(writing[i - 1]!.rowsWritten);
    expect(new Set(reading.map((p) => p.rowsRead)).size, 'rows read grow while reading').to.be.at.least(2);
    expect(new Set(writing.map((p) => p.rowsWritten)).size, 'rows written grow while writing').to.be.at.least(2);
    expect(reading.every((p) => p.percent <= READ_SHARE && p.rowsTotal === null && p.bytesRead <= p.totalBytes)).to.equal(true);
    expect(writing.every((p) => p.percent >= READ_SHARE && p.rowsTotal === ROWS && p.rowsRead === ROWS)).to.equal(true);
    // No answer waits for a large part of the import (the old single transaction held the server for most of it).
    const slowest = Math.max(...polls.map((p) => p.latency));
    expect(slowest, `slowest poll ${slowest} ms of ${duration} ms`).to.be.below(duration / 4);

    const after = await frames();
    expect(after).to.have.length(before.length + 1);
    expect(after.find((f) => f.id === last.frameId)?.rowCount).to.equal(ROWS);
    expect(await server.store.households.countByFrame(last.frameId!)).to.equal(ROWS);
    expect(await server.store.contacts.countByFrame(last.frameId!)).to.equal(ROWS);
    expect(leftovers()).to.deep.equal({ pendingFrames: 0, households: 0, contacts: 0 });
  });

  it('rejects a large file with one bad row near the end and stores nothing; the previous frames stay', async () => {
    const before = await frames();
    const lines = csv.split('\r\n');
    const bad = 190_001; // spreadsheet row: the header is row 1
    lines[bad - 1] = lines[bad - 1]!.replace(/;(\d);(\d+)$/, ';zwei;$2');
    const job = await startImport(planner, lines.join('\r\n'));
    const polls = await pollUntilEnded(planner, job.id);
    const last = polls.at(-1)!.progress;
    expect(last).to.deep.include({ state: 'rejected', errorCount: 1, rowsRead: ROWS, frameId: null });
    expect(last.errors).to.deep.equal([{ row: bad, column: 'Kinder', code: 'badNumber', reason: '„zwei“ ist keine ganze Zahl von 0 bis 99.' }]);
    expect(await frames()).to.deep.equal(before);
    expect(leftovers()).to.deep.equal({ pendingFrames: 0, households: 0, contacts: 0 });
    for (const f of before) expect(await server.store.households.countByFrame(f.id)).to.equal(f.rowCount);
  });

  it('removes everything written when the final step fails, and reports the failure', async () => {
    const before = await frames();
    const transaction = server.store.transaction;
    (server.store as { transaction: typeof transaction }).transaction = async () => {
      throw new Error('database is locked');
    };
    try {
      const job = await startImport(planner, csv);
      const last = (await pollUntilEnded(planner, job.id)).at(-1)!.progress;
      expect(last).to.deep.include({ state: 'failed', message: 'database is locked', frameId: null });
    } finally {
      (server.store as { transaction: typeof transaction }).transaction = transaction;
    }
    expect(await frames()).to.deep.equal(before);
    expect(leftovers()).to.deep.equal({ pendingFrames: 0, households: 0, contacts: 0 });
  });
});
