import { InsertBatcher } from '../../../src/db/insert-batcher.js';
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
});
