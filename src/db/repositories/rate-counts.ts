import { isDuplicateKey, parseCounter, type Models } from '../models/index.js';

/** Rate counters live in `counters` under this prefix: `rate:<window start>:<scope>:<key>`. */
const PREFIX = 'rate:';

/** A window's start as 13 digits (milliseconds), so ids of older windows sort first. */
const windowPart = (start: Date) => String(start.getTime()).padStart(13, '0');

const idOf = (scope: string, key: string, start: Date) =>
  `${PREFIX}${windowPart(start)}:${scope}:${key}`;

/**
 * Hits counted per key and fixed time window in the database, so every instance of the bot
 * counts against one limit (the web form's per-IP limit): one `$inc` upsert per hit.
 */
export class RateCounts {
  constructor(private readonly models: Models) {}

  /** Counts a hit of `key` in the window starting at `start`; the window's count after it. */
  async hit(scope: string, key: string, start: Date): Promise<number> {
    const _id = idOf(scope, key, start);
    const inc = () =>
      this.models.counters
        .findOneAndUpdate({ _id }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean();
    // Two first hits at once: one upsert inserts, the other meets its key and counts again.
    const doc = await inc().catch((error: unknown) => {
      if (isDuplicateKey(error)) return inc();
      throw error;
    });
    return parseCounter(doc).seq;
  }

  /** Takes back a hit counted in the window starting at `start` (one that should not count). */
  async undo(scope: string, key: string, start: Date): Promise<void> {
    const _id = idOf(scope, key, start);
    await this.models.counters.updateOne({ _id, seq: { $gt: 0 } }, { $inc: { seq: -1 } });
  }

  /** Forgets `key`'s count in the window starting at `start`. */
  async reset(scope: string, key: string, start: Date): Promise<void> {
    await this.models.counters.deleteOne({ _id: idOf(scope, key, start) });
  }

  /** Deletes the counts of every window of every scope that started before `before`. */
  async sweep(before: Date): Promise<number> {
    const { deletedCount } = await this.models.counters.deleteMany({
      _id: { $gte: PREFIX, $lt: `${PREFIX}${windowPart(before)}` },
    });
    return deletedCount;
  }
}
