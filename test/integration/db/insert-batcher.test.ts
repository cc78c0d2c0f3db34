import type { Collection, Document } from 'mongodb';
import { InsertAbandoned, InsertBatcher } from '../../../src/db/insert-batcher.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

describe('inserts written together (group commit)', () => {
  let database: TestDatabase;
  const collection = () => database.connection.collection('batched');
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.drop());

  it('answers each insert on its own: stored, or already there, in one batch', async () => {
    await collection().insertOne({ _id: 'e-0' as never, n: 0 });
    const batcher = new InsertBatcher(collection);
    const ids = ['e-0', 'e-1', 'e-2', 'e-1', 'e-3', 'e-2', 'e-4'];
    const answers = await Promise.all(ids.map((id, n) => batcher.insert({ _id: id, n })));
    expect(ids.map((id, i) => [id, answers[i]])).toEqual([
      ['e-0', false],
      ['e-1', true],
      ['e-2', true],
      ['e-1', false],
      ['e-3', true],
      ['e-2', false],
      ['e-4', true],
    ]);
    const stored = await collection().find().sort({ _id: 1 }).toArray();
    // The first insert of each id wins; nothing is stored twice.
    expect(stored.map((d) => [d._id, d.n])).toEqual([
      ['e-0', 0],
      ['e-1', 1],
      ['e-2', 2],
      ['e-3', 4],
      ['e-4', 6],
    ]);
  });

  it('writes inserts that arrive while a write is on its way in one later write', async () => {
    let writes = 0;
    const batcher = new InsertBatcher(() => {
      writes++;
      return collection();
    });
    await Promise.all(Array.from({ length: 50 }, (_, n) => batcher.insert({ _id: `b-${n}` })));
    // The first insert goes at once; the 49 that arrived meanwhile follow in one write.
    expect(writes).toBe(2);
    expect(await collection().countDocuments({ _id: { $regex: '^b-' } as never })).toBe(50);
  });

  it('fails every insert of a batch the database refused as a whole', async () => {
    const batcher = new InsertBatcher(() => {
      throw new Error('database unavailable');
    });
    await expect(batcher.insert({ _id: 'x' })).rejects.toThrow('database unavailable');
  });

  it('stops waiting when told: a queued insert is never written, one in flight may be', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first write hangs until released, as on a server that stopped answering.
    const batcher = new InsertBatcher(
      () =>
        ({
          insertMany: async (docs: Document[], options: object) => {
            await held;
            return collection().insertMany(docs, options);
          },
        }) as unknown as Collection,
    );
    const inFlight = new AbortController();
    const queued = new AbortController();
    const first = batcher.insert({ _id: 'a-sent' }, inFlight.signal);
    const second = batcher.insert({ _id: 'a-queued' }, queued.signal);
    const third = batcher.insert({ _id: 'a-kept' });
    inFlight.abort();
    queued.abort();
    await expect(first).rejects.toEqual(expect.objectContaining({ sent: true }));
    await expect(second).rejects.toEqual(expect.objectContaining({ sent: false }));
    await expect(second).rejects.toBeInstanceOf(InsertAbandoned);
    release();
    await expect(third).resolves.toBe(true);
    const stored = await collection()
      .find({ _id: { $regex: '^a-' } as never })
      .sort({ _id: 1 })
      .toArray();
    expect(stored.map((d) => d._id)).toEqual(['a-kept', 'a-sent']);
  });
});
