import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/**
 * The write path relies on exactly what MongoDB promises for one document: a conditional update
 * is applied atomically with its filter, and `$inc` never loses an increment. This proves it on
 * the engine the suite runs on (stock FerretDB 1.24 fails both: 2–20 winners, +1 to +5).
 */
describe('single-document atomicity of the engine', () => {
  let db: TestDatabase;
  const ROUNDS = 20;
  const WRITERS = 20;

  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db.drop());

  it('lets exactly one of 20 racing conditional findOneAndUpdates win, 20 times over', async () => {
    const requests = db.connection.collection<{ _id: number; status: string; by?: number }>(
      'requests',
    );
    const winnersPerRound: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await requests.insertOne({ _id: round, status: 'open' });
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          requests.findOneAndUpdate(
            { _id: round, status: 'open' },
            { $set: { status: 'closed', by: writer } },
            { returnDocument: 'after' },
          ),
        ),
      );
      const winners = results.filter((doc) => doc !== null);
      winnersPerRound.push(winners.length);
      const stored = await requests.findOne({ _id: round });
      expect(stored?.by).toBe(winners[0]?.by);
    }
    expect(winnersPerRound).toEqual(Array(ROUNDS).fill(1));
  });

  it('adds every one of 20 racing $inc updates, 20 times over', async () => {
    const counters = db.connection.collection<{ _id: number; n: number }>('counters');
    const totals: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await counters.insertOne({ _id: round, n: 0 });
      await Promise.all(
        Array.from({ length: WRITERS }, () =>
          counters.updateOne({ _id: round }, { $inc: { n: 1 } }),
        ),
      );
      totals.push((await counters.findOne({ _id: round }))?.n ?? -1);
    }
    expect(totals).toEqual(Array(ROUNDS).fill(WRITERS));
  });

  it('deletes a document once when 20 conditional deletes race', async () => {
    const items = db.connection.collection<{ _id: number; state: string }>('items');
    const deletedPerRound: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await items.insertOne({ _id: round, state: 'claimable' });
      const results = await Promise.all(
        Array.from({ length: WRITERS }, () =>
          items.findOneAndDelete({ _id: round, state: 'claimable' }),
        ),
      );
      deletedPerRound.push(results.filter((doc) => doc !== null).length);
    }
    expect(deletedPerRound).toEqual(Array(ROUNDS).fill(1));
  });
});
