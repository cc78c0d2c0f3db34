import type { Collection, Document } from 'mongodb';

interface Waiting {
  doc: Document;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

const DUPLICATE_KEY = 11000;
const MAX_BATCH = 200;

/**
 * Group commit: inserts that arrive while one is on its way go to the database together, in one
 * unordered `insertMany` (one transaction and one disk flush on FerretDB/SQLite) instead of one
 * round trip each. Nothing waits on a timer: an idle batcher writes at once.
 */
export class InsertBatcher {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly collection: () => Collection) {}

  /** Inserts `doc`; `true` when it was inserted, `false` when its `_id` was there already. */
  insert(doc: Document): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
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
