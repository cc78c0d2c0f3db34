/**
 * (4) Persistence overhead: request documents written per second through the app's model
 * (`models.requests.create`, as RequestStore.create does) ÷ the raw MongoDB driver's
 * `insertOne` of the same documents, same indexes (built by the model's `syncIndexes` on each
 * database), same concurrency. Two alternating rounds; the better of each counts.
 */
import type { Connection } from 'mongoose';
import { connect, withDatabase } from '../src/db/connection.js';
import { createModels, syncIndexes } from '../src/db/models/index.js';
import type { BenchContext, Outcome } from './lib/report.js';
import { round } from './lib/stats.js';

export const PERSIST_DATABASES = ['bench_persist_odm', 'bench_persist_raw'];
const CONCURRENCY = 16;

/** Runs `write(i)` for i < n with `concurrency` writers; returns writes per second. */
async function writesPerSecond(
  n: number,
  concurrency: number,
  write: (i: number) => Promise<unknown>,
) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await write(next++);
    }),
  );
  return round((n / (performance.now() - start)) * 1000, 1);
}

function requestInput(i: number, round: number) {
  const at = new Date(Date.UTC(2026, 0, 5, 9) + i * 1000);
  return {
    teamId: 'T0BENCH',
    channelId: `C0EXT${i % 20}`,
    rootTs: `${1767600000 + round * 100_000 + i}.000100`,
    requesterId: `U0C${i % 20}X${i % 5}`,
    text: `Order ${i}: the nightly export to bucket ${i % 97} fails with E${1000 + i}.`,
    groupedTs: [],
    status: 'open' as const,
    assigneeId: null,
    createdAt: at,
    lastCustomerActivityAt: at,
    history: [{ at, type: 'status', from: null, to: 'open', by: `U0C${i % 20}X${i % 5}` }],
  };
}

export async function persistence(ctx: BenchContext): Promise<Outcome> {
  const n = ctx.quick ? 500 : 2_000;
  const rounds = 2;
  const connections: Connection[] = [];
  const open = async (name: string) => {
    const connection = await connect(withDatabase(ctx.mongo.uri, name, true));
    connections.push(connection);
    const models = createModels(connection);
    await syncIndexes(models);
    return { connection, models };
  };
  try {
    const odm = await open(PERSIST_DATABASES[0] as string);
    const raw = await open(PERSIST_DATABASES[1] as string);
    const rawRequests = raw.connection.db?.collection('requests');
    if (!rawRequests) throw new Error('no raw database handle');
    const odmRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const inputs = Array.from({ length: n }, (_, i) => requestInput(i, r));
      // The same documents the model stores (defaults, _id, version key, updatedAt), built
      // before the clock starts: only the driver's work is timed.
      const docs = inputs.map((input) => ({
        ...new raw.models.requests(input).toObject(),
        updatedAt: new Date(),
        __v: 0,
      }));
      await rawRequests.deleteMany({});
      rawRates.push(
        await writesPerSecond(n, CONCURRENCY, (i) => rawRequests.insertOne(docs[i] as object)),
      );
      await odm.models.requests.deleteMany({});
      odmRates.push(
        await writesPerSecond(n, CONCURRENCY, (i) =>
          odm.models.requests.create(inputs[i] as object),
        ),
      );
    }
    const best = (rates: number[]) => Math.max(...rates);
    const indexes = await rawRequests.indexes();
    return {
      rows: [
        {
          benchmark: '4. Request writes (mongoose)',
          figure: `${best(odmRates)}/s`,
          baseline: `raw driver: ${best(rawRates)}/s`,
          ratio: (best(odmRates) / best(rawRates)).toFixed(2),
        },
      ],
      raw: {
        documentsPerRound: n,
        rounds,
        concurrency: CONCURRENCY,
        mongooseWritesPerSecond: odmRates,
        rawDriverWritesPerSecond: rawRates,
        indexes: indexes.map((index) => ({ key: index.key, unique: index.unique ?? false })),
      },
    };
  } finally {
    for (const connection of connections) {
      await connection.dropDatabase().catch(() => {});
      await connection.close();
    }
  }
}
