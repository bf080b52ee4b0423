import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { newId } from '../ids';
import { openSqliteStore } from './sqliteStore';
import { WalSync, type FlushFile } from './walSync';

/** A flush the test completes by hand, recording each call. */
function manualFlush() {
  const calls: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  const flush: FlushFile = (_fd, done) => void calls.push(done);
  return { flush, calls, finish: (k: number, error: NodeJS.ErrnoException | null = null) => calls[k]!(error) };
}

const settled = (promise: Promise<unknown>) => {
  const state = { done: false, error: undefined as unknown };
  promise.then(
    () => (state.done = true),
    (error: unknown) => ((state.done = true), (state.error = error)),
  );
  return state;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSync (flush the WAL before acknowledging)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'walsync-'));
    writeFileSync(join(dir, 'db-wal'), 'frames');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves only when the flush has finished', async () => {
    const f = manualFlush();
    const sync = new WalSync(join(dir, 'db-wal'), f.flush);
    const first = settled(sync.sync());
    await tick();
    expect(f.calls).to.have.length(1);
    expect(first.done).to.equal(false);
    f.finish(0);
    await tick();
    expect(first.done).to.equal(true);
    await sync.close();
  });

  it('makes callers during a running flush wait for the next one, and all of them share it', async () => {
    const f = manualFlush();
    const sync = new WalSync(join(dir, 'db-wal'), f.flush);
    const first = settled(sync.sync());
    // These commits happened after the first flush started: it may not cover them.
    const later = [settled(sync.sync()), settled(sync.sync()), settled(sync.sync())];
    f.finish(0);
    await tick();
    expect(first.done).to.equal(true);
    expect(later.some((s) => s.done)).to.equal(false);
    expect(f.calls).to.have.length(2);
    f.finish(1);
    await tick();
    expect(later.every((s) => s.done && s.error === undefined)).to.equal(true);
    expect(f.calls).to.have.length(2);
    await sync.close();
  });

  it('passes a failed flush on to every caller waiting for it', async () => {
    const f = manualFlush();
    const sync = new WalSync(join(dir, 'db-wal'), f.flush);
    const a = settled(sync.sync());
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    f.finish(0, eio);
    await tick();
    expect(a.error).to.equal(eio);
    // The next write gets a fresh attempt.
    const b = settled(sync.sync());
    f.finish(1);
    await tick();
    expect(b.done && b.error === undefined).to.equal(true);
    await sync.close();
  });

  it('has nothing to flush without a WAL file, fails clearly when it cannot be opened, and after close', async () => {
    const missing = new WalSync(join(dir, 'no-such-wal'));
    await missing.sync();
    await missing.close();
    let closedError: unknown;
    await missing.sync().catch((e: unknown) => (closedError = e));
    expect(String(closedError)).to.match(/store is closed/);
    const unreadable = new WalSync(join(dir, 'db-wal', 'below-a-file'));
    let error: unknown;
    await unreadable.sync().catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/ENOTDIR/);
    await unreadable.close();
  });
});

describe('SQLite store: a write is acknowledged only after the WAL flush', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'walsync-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds back a write until its flush completes, and does not flush for reads', async () => {
    let release: (() => void) | undefined;
    let flushes = 0;
    let holding = false;
    const store = openSqliteStore({
      dataDir: dir,
      flushWal: (fd, done) => {
        flushes++;
        if (!holding) return void import('node:fs').then(({ fdatasync }) => fdatasync(fd, done));
        release = () => done(null);
      },
    });
    await store.migrate();
    const afterMigrate = flushes;
    expect(afterMigrate, 'migrations are flushed').to.be.greaterThan(0);

    await store.meta.get('anything');
    await store.users.list();
    expect(flushes, 'reads do not flush').to.equal(afterMigrate);

    holding = true;
    const write = settled(store.meta.set('flush-test', newId()));
    for (let k = 0; k < 5 && !release; k++) await tick();
    expect(release, 'the write asked for a flush').to.be.a('function');
    // The row is committed (visible to the next read) but the caller has not been told yet.
    expect(await store.meta.get('flush-test')).to.be.a('string');
    expect(write.done).to.equal(false);
    release!();
    await tick();
    expect(write.done && write.error === undefined).to.equal(true);
    holding = false;
    await store.close();
  });

  it('flushes once for many writes committed while a flush is running', async () => {
    const pending: (() => void)[] = [];
    let flushes = 0;
    const store = openSqliteStore({
      dataDir: dir,
      flushWal: (_fd, done) => {
        flushes++;
        pending.push(() => done(null));
      },
    });
    const migrated = store.migrate();
    while (pending.length === 0) await tick();
    pending.shift()!();
    await migrated;
    const before = flushes;
    const first = store.meta.set('a', '1');
    while (pending.length === 0) await tick();
    const during = Array.from({ length: 20 }, (_, k) => store.meta.set(`k${k}`, String(k)));
    for (let k = 0; k < 5; k++) await tick();
    pending.shift()!();
    await first;
    while (pending.length === 0) await tick();
    pending.shift()!();
    await Promise.all(during);
    expect(flushes - before).to.equal(2);
    await store.close();
  });
});
