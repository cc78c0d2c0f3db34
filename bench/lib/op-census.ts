import { Collection } from 'mongodb';

/** Driver calls that return a promise (timed) and that return a cursor (only counted). */
const ASYNC = [
  'insertOne',
  'insertMany',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'countDocuments',
  'bulkWrite',
] as const;
const CURSORS = ['find', 'aggregate'] as const;
const WRITES = /^(insert|update|delete|findOneAndUpdate|findOneAndDelete|bulkWrite)/;

export interface OpCensus {
  /** `collection.method` → calls per event and mean milliseconds per call. */
  ops: Record<string, { perEvent: number; meanMs: number }>;
  writesPerEvent: number;
  readsPerEvent: number;
  dbMsPerEvent: number;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Counts and times every MongoDB driver call made in this process while `work` runs (mongoose
 * and Agenda both go through the driver's `Collection`), then puts the driver back.
 */
export async function opCensus(events: () => number, work: () => Promise<void>): Promise<OpCensus> {
  const seen = new Map<string, { n: number; ms: number }>();
  const proto = Collection.prototype as unknown as Record<string, Method>;
  const originals = new Map<string, Method>();
  const note = (key: string, ms: number) => {
    const entry = seen.get(key) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += ms;
    seen.set(key, entry);
  };
  // The driver builds some calls on others, synchronously (insertMany on bulkWrite, findOne on
  // find, countDocuments on aggregate): count only the outermost, as the caller wrote it.
  let depth = 0;
  for (const name of [...ASYNC, ...CURSORS]) {
    const original = proto[name] as Method;
    originals.set(name, original);
    proto[name] = function (this: Collection, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args);
      const key = `${this.collectionName}.${name}`;
      const start = performance.now();
      depth++;
      let result: unknown;
      try {
        result = original.apply(this, args);
      } finally {
        depth--;
      }
      if (result instanceof Promise) {
        return result.finally(() => note(key, performance.now() - start));
      }
      note(key, 0);
      return result;
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  const n = Math.max(1, events());
  const ops: OpCensus['ops'] = {};
  let writes = 0;
  let reads = 0;
  let ms = 0;
  for (const [key, { n: calls, ms: total }] of [...seen].sort((a, b) => b[1].n - a[1].n)) {
    ops[key] = { perEvent: round(calls / n), meanMs: round(total / calls) };
    if (WRITES.test(key.split('.').at(-1) ?? '')) writes += calls;
    else reads += calls;
    ms += total;
  }
  return {
    ops,
    writesPerEvent: round(writes / n),
    readsPerEvent: round(reads / n),
    dbMsPerEvent: round(ms / n),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
