import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type SQLite from 'better-sqlite3';
import type { Logger } from 'pino';

/** How often the worker copies the WAL's committed pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 500;
/** SQLite's own default, restored on the writer if the worker stops early. */
const AUTOCHECKPOINT_PAGES = 1000;

// Plain JavaScript: a worker thread does not inherit the TypeScript loader of the main one.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const connection = new SQLite(workerData.path);
connection.pragma('synchronous = FULL');
const checkpoint = () => connection.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  connection.pragma('wal_checkpoint(PASSIVE)');
  connection.close();
  parentPort.close();
});
`;

/**
 * Runs the WAL checkpoints of a SQLite file on a worker thread. Left to
 * SQLite, the commit that crosses 1,000 WAL pages copies them into the
 * database file and syncs it, on the event loop, stalling every request for
 * that long. Here the writer never checkpoints; a second connection on its
 * own thread does it, PASSIVE so it never waits for (or blocks) a reader or
 * the writer. Durability is unchanged: a commit is durable once in the WAL.
 */
export class WalCheckpoints {
  private readonly worker: Worker;
  private stopped = false;

  constructor(
    path: string,
    private readonly writer: SQLite.Database,
    logger?: Logger,
  ) {
    writer.pragma('wal_autocheckpoint = 0');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    this.worker.unref();
    // Without the worker the WAL would grow without end: the writer takes the job back.
    this.worker.on('error', (error) => {
      logger?.error({ err: error }, 'the WAL checkpoint thread failed; checkpoints run inline');
      this.restoreInlineCheckpoints();
    });
  }

  /** Ends the worker after a last checkpoint; the writer checkpoints inline again. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;

    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Unreferenced, the thread would let a process with nothing else to do end
    // while this waits (exit 13, and the caller's error never printed).
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
    this.restoreInlineCheckpoints();
  }

  private restoreInlineCheckpoints(): void {
    if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
