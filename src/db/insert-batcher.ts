import type { Collection, Document } from 'mongodb';

interface Waiting {
  doc: Document;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

const DUPLICATE_KEY = 11000;
const MAX_BATCH = 200;

/**
 * An insert its caller stopped waiting for. `sent`: it was already on its way to the database and
 * may yet be stored; otherwise it was taken out of the queue and will never be written.
 */
export class InsertAbandoned extends Error {
  override name = 'InsertAbandoned';
  constructor(
    readonly sent: boolean,
    cause: unknown,
  ) {
    super(
      sent ? 'insert abandoned in flight (it may still be stored)' : 'insert abandoned unsent',
      {
        cause,
      },
    );
  }
}

/**
 * Group commit: inserts that arrive while one is on its way go to the database together, in one
 * unordered `insertMany` (one transaction and one disk flush on FerretDB/SQLite) instead of one
 * round trip each. Nothing waits on a timer: an idle batcher writes at once.
 */
export class InsertBatcher {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly collection: () => Collection) {}

  /**
   * Inserts `doc`; `true` when it was inserted, `false` when its `_id` was there already. When
   * `signal` aborts first the promise rejects at once with an `InsertAbandoned`: a write stuck on a
   * server that stopped answering is not waited for (the driver only gives up on it after its own
   * timeouts, seconds later).
   */
  insert(doc: Document, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new InsertAbandoned(false, signal.reason));
      const settle = () => signal?.removeEventListener('abort', abandon);
      const entry: Waiting = {
        doc,
        resolve: (inserted) => {
          settle();
          resolve(inserted);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const abandon = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        entry.reject(new InsertAbandoned(index < 0, signal?.reason));
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.waiting.push(entry);
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        const failed = new Map<number, { code?: number }>();
        try {
          await this.collection().insertMany(
            batch.map((w) => w.doc),
            { ordered: false },
          );
        } catch (error) {
          const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
          const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
          if (list.length === 0) {
            for (const w of batch) w.reject(error);
            continue;
          }
          for (const e of list as { index: number; code?: number }[]) failed.set(e.index, e);
        }
        batch.forEach((w, i) => {
          const error = failed.get(i);
          if (!error) w.resolve(true);
          else if (error.code === DUPLICATE_KEY) w.resolve(false);
          else
            w.reject(
              Object.assign(new Error(`insert failed (code ${error.code})`), { cause: error }),
            );
        });
      }
    } finally {
      this.writing = false;
    }
  }
}

const shared = new WeakMap<object, InsertBatcher>();

/**
 * The process's one batcher for a mongoose model's collection, so inserts from concurrent
 * events (claims, rule runs) share their round trips.
 */
export function batcherOf(model: { collection: unknown }): InsertBatcher {
  let batcher = shared.get(model);
  if (!batcher) {
    batcher = new InsertBatcher(() => model.collection as Collection);
    shared.set(model, batcher);
  }
  return batcher;
}
