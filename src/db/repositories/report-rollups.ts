import {
  parseRowKey,
  rowKey,
  type Contribution,
  type Counters,
  type Dimension,
} from '../../reports/contributions.js';
import { parseRequest, parseReportRollup, type Models, type RequestDoc } from '../models/index.js';

/** Rows written per round trip when a rebuild replaces a workspace's rollups. */
const CHUNK = 1_000;
/**
 * Operations per bulk write: FerretDB 1.24 (SQLite) stalls on a bulk update of 100 operations
 * or more (60 pass), so larger ones go in slices.
 */
const BULK = 50;

/** `ops` in slices of `BULK`, one bulk write each, in order. */
async function inSlices<T>(ops: T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ops.length; i += BULK) await write(ops.slice(i, i + BULK));
}

type IncOp = ReturnType<typeof incs>[number];

/** Deltas waiting for the write on its way, summed per workspace and row (`RollupBatcher`). */
class RollupBatcher {
  private pending = new Map<string, Contribution>();
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly write: (ops: IncOp[]) => Promise<void>) {}

  add(teamId: string, delta: Contribution): Promise<void> {
    const rows = this.pending.get(teamId) ?? new Map<string, Counters>();
    this.pending.set(teamId, rows);
    for (const [key, counters] of delta) {
      const sum: Counters = { ...rows.get(key) };
      for (const [counter, n] of Object.entries(counters) as [keyof Counters, number][])
        sum[counter] = (sum[counter] ?? 0) + n;
      rows.set(key, sum);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const waiting = this.waiting.splice(0);
      const pending = this.pending;
      this.pending = new Map();
      try {
        await this.write([...pending].flatMap(([teamId, rows]) => incs(teamId, rows)));
        for (const w of waiting) w.resolve();
      } catch (error) {
        for (const w of waiting) w.reject(error);
      }
    }
    this.writing = false;
  }
}
const batchers = new WeakMap<Models, RollupBatcher>();

/** A rollup row as the reports read it. */
export interface RollupRow {
  day: string;
  dimension: Dimension;
  value: string;
  counters: Counters;
}

/** The `$inc` upserts that add a contribution (counters that are zero are left out). */
function incs(teamId: string, delta: Contribution) {
  return [...delta].map(([key, counters]) => {
    const { day, dimension, value } = parseRowKey(key);
    const $inc = Object.fromEntries(
      Object.entries(counters).map(([counter, n]) => [`counters.${counter}`, n]),
    );
    return {
      updateOne: { filter: { teamId, day, dimension, value }, update: { $inc }, upsert: true },
    };
  });
}

/**
 * The report rollups (`report_rollups`) and the request facts they count (`reportFacts`): a
 * request's change is claimed by a compare-and-set of its facts, then added as one bulk `$inc`.
 */
export class ReportRollupStore {
  constructor(private readonly models: Models) {}

  /**
   * Records that the rollups now count `next` for the request, if they still count `previous`
   * (another writer's claim wins otherwise). Leaves `updatedAt` alone: this is bookkeeping.
   */
  async claimFacts(id: RequestDoc['_id'], previous: string | null, next: string): Promise<boolean> {
    const claimed = await this.models.requests.updateOne(
      { _id: id, reportFacts: previous },
      { $set: { reportFacts: next } },
      { timestamps: false },
    );
    return claimed.modifiedCount === 1;
  }

  /**
   * Adds a contribution (or a delta) to a workspace's rollups; none if empty. Deltas added while
   * a write is on its way are merged row by row and go in the next one (group commit: `$inc`
   * commutes, so the sum is the same in any order).
   */
  async add(teamId: string, delta: Contribution): Promise<void> {
    if (delta.size === 0) return;
    let batcher = batchers.get(this.models);
    if (!batcher) {
      const models = this.models;
      batcher = new RollupBatcher((ops) =>
        inSlices(ops, (slice) => models.reportRollups.bulkWrite(slice, { ordered: false })),
      );
      batchers.set(this.models, batcher);
    }
    await batcher.add(teamId, delta);
  }

  /** The rows of some values of a dimension over a day range (inclusive). */
  async rows(
    teamId: string,
    dimension: Dimension,
    values: readonly string[],
    since: string,
    until: string,
  ): Promise<RollupRow[]> {
    const docs = await this.models.reportRollups
      .find({ teamId, dimension, value: { $in: values }, day: { $gte: since, $lte: until } })
      .lean();
    return docs.map(parseReportRollup).map(({ day, dimension, value, counters }) => ({
      day,
      dimension: dimension as Dimension,
      value,
      counters,
    }));
  }

  /** All of a workspace's rollups as one contribution (zero counters and empty rows left out). */
  async stored(teamId: string): Promise<Contribution> {
    const out: Contribution = new Map();
    for await (const doc of this.models.reportRollups.find({ teamId }).lean().cursor()) {
      const row = parseReportRollup(doc);
      const counters = Object.fromEntries(
        Object.entries(row.counters).filter(([, n]) => n !== 0),
      ) as Counters;
      const key = rowKey({ day: row.day, dimension: row.dimension as Dimension, value: row.value });
      if (Object.keys(counters).length > 0) out.set(key, counters);
    }
    return out;
  }

  /** Replaces a workspace's rollups with a recomputed contribution. */
  async replace(teamId: string, rows: Contribution): Promise<void> {
    await this.models.reportRollups.deleteMany({ teamId });
    const docs = [...rows].map(([key, counters]) => ({ teamId, ...parseRowKey(key), counters }));
    for (let i = 0; i < docs.length; i += CHUNK)
      await this.models.reportRollups.insertMany(docs.slice(i, i + CHUNK));
  }

  /** Sets the counted facts of many requests at once (a rebuild). */
  async setFacts(facts: readonly { id: RequestDoc['_id']; json: string }[]): Promise<void> {
    const ops = facts.map(({ id, json }) => ({
      updateOne: { filter: { _id: id }, update: { $set: { reportFacts: json } } },
    }));
    await inSlices(ops, (slice) =>
      this.models.requests.bulkWrite(slice, { ordered: false, timestamps: false }),
    );
  }

  /** A workspace's requests, streamed (a rebuild never holds them all). */
  async *requests(teamId: string): AsyncGenerator<RequestDoc> {
    for await (const doc of this.models.requests.find({ teamId }).lean().cursor())
      yield parseRequest(doc);
  }

  /** The workspaces that have requests. */
  async teams(): Promise<string[]> {
    return (await this.models.requests.distinct('teamId')) as string[];
  }
}
