import { closeSync, fdatasync, openSync } from 'node:fs';

/** Flushes a file's data to disk (fs.fdatasync's callback form). */
export type FlushFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * Durability of acknowledged writes without blocking the event loop.
 *
 * With `synchronous = FULL` SQLite calls fdatasync on the WAL inside every COMMIT, and
 * better-sqlite3 runs COMMIT on Node's only JavaScript thread: every request waits while the disk
 * flushes (measured: a fifth of the server's time under submission load). Instead the connection
 * runs with `synchronous = NORMAL` — in WAL mode that keeps the database consistent after a crash
 * and syncs at every checkpoint, but a commit may be lost on power failure — and the store calls
 * `WalSync.sync()` after every step that changed rows and resolves the step's promise only when
 * that flush has finished. The flush runs on libuv's thread pool, so other requests go on meanwhile,
 * and one flush covers every commit made before it started (group commit for free).
 *
 * Why this is as durable as FULL for an acknowledged write: the commit's frames (and the commit
 * marker) are in the WAL file when COMMIT returns; fdatasync on the WAL file makes all of its
 * written pages and its size durable; the caller is told "done" only after a flush that started
 * after the commit. If a checkpoint has meanwhile copied the frames into the database file and
 * restarted the WAL, the checkpoint itself synced the database file first (NORMAL syncs at
 * checkpoints). POSIX locks are not involved: in WAL mode SQLite locks the -shm file and the
 * database file, never the -wal file, so this extra descriptor cannot release SQLite's locks.
 */
export class WalSync {
  private fd: number | undefined;
  /** The flush in progress, if any. */
  private running: Promise<void> | undefined;
  /** The flush that will start when the running one ends: it covers commits made during the running one. */
  private next: Promise<void> | undefined;
  private closed = false;

  /** @param flush fs.fdatasync; replaceable so tests can watch and delay the flushes. */
  constructor(
    private readonly walPath: string,
    private readonly flush: FlushFile = fdatasync,
  ) {}

  /** Resolves when everything committed before this call is on disk; rejects when the flush fails. */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    if (!this.running) return this.start();
    // The running flush may have started before the caller's commit: wait for the one after it.
    this.next ??= this.running.then(
      () => this.afterRunning(),
      () => this.afterRunning(),
    );
    return this.next;
  }

  private afterRunning(): Promise<void> {
    this.next = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const flush = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        // Opened on first use: SQLite creates the WAL file when the database is first used in WAL mode.
        fd = this.fd ??= openSync(this.walPath, 'r');
      } catch (err) {
        // No WAL file: nothing is waiting in one (SQLite removes it only after a checkpoint that synced the database).
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') resolve();
        else reject(err);
        return;
      }
      this.flush(fd, (err) => (err ? reject(err) : resolve()));
    });
    this.running = flush;
    const clear = () => {
      if (this.running === flush) this.running = undefined;
    };
    flush.then(clear, clear);
    return flush;
  }

  /** Waits for flushes in progress, then closes the descriptor. */
  async close(): Promise<void> {
    this.closed = true;
    await this.next?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
