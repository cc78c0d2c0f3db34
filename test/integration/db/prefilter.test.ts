import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/**
 * The project's FerretDB turns filters into SQL prefilters (tools/ferretdb/patches). A prefilter
 * may keep too much but must never drop a match: these queries, over documents whose fields are
 * arrays, missing, null or of another type, return exactly what MongoDB's matching rules say.
 */
describe('queries the engine filters in SQL', () => {
  let db: TestDatabase;
  const objectId = new ObjectId();
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
  const docs = [
    { _id: 'a', name: 'x', at: at(10) },
    { _id: 'b', name: ['x', 'y'], at: [at(5), at(50)] },
    { _id: 'c', name: 'y', at: null },
    { _id: 'd' },
    { _id: 'e', name: 'x', at: at(15).getTime() },
    { _id: 'f', name: 'x', at: '2026-01-05T09:01:00Z' },
    { _id: objectId, name: { first: 'x' } },
    { _id: 'u', name: 'é <b>&"\\' },
    { _id: 'p1', job: { key: 'k1', at: at(20) } },
    { _id: 'p2', job: [{ key: 'k2' }, { key: 'k1', at: [at(1)] }] },
    { _id: 'p3', job: { key: ['k3', 'k1'] } },
    { _id: 'p4', job: { key: 'k4' } },
  ];

  const jobs = ['p1', 'p2', 'p3', 'p4'];

  beforeAll(async () => {
    db = await testDatabase();
    await db.connection.collection('things').insertMany(docs as never[]);
    await db.connection.collection('things').createIndex({ name: 1, at: 1 });
    await db.connection.collection('things').createIndex({ 'job.key': 1 });
  });
  afterAll(() => db.drop());

  const ids = async (filter: object) =>
    (await db.connection.collection('things').find(filter).toArray())
      .map((doc) => String(doc._id))
      .sort();

  it.each([
    ['string equality, arrays matched by element', { name: 'x' }, ['a', 'b', 'e', 'f']],
    ['$eq on a string', { name: { $eq: 'y' } }, ['b', 'c']],
    ['$in on strings', { name: { $in: ['y', 'nobody'] } }, ['b', 'c']],
    ['a string with markup, quotes and escapes', { name: 'é <b>&"\\' }, ['u']],
    ['$lte on a date, arrays matched by element', { at: { $lte: at(10) } }, ['a', 'b']],
    ['$gt on a date', { at: { $gt: at(10) } }, ['b']],
    // An array matches when each condition holds for some element: 50 >= 10, 5 < 50.
    ['$gte and $lt together', { at: { $gte: at(10), $lt: at(50) } }, ['a', 'b']],
    [
      '$or of equality and a date range',
      { $or: [{ name: 'y' }, { at: { $lt: at(6) } }] },
      ['b', 'c'],
    ],
    [
      '$and of equality and a date range',
      { $and: [{ name: 'x' }, { at: { $gte: at(10) } }] },
      ['a', 'b'],
    ],
    [
      'an $or with a clause it cannot push down',
      { $or: [{ name: 'y' }, { 'name.first': 'x' }] },
      ['b', 'c', String(objectId)],
    ],
    ['an ObjectId _id', { _id: objectId }, [String(objectId)]],
    ['$in on _id with other conditions', { _id: { $in: ['a', 'c', 'e'] }, name: 'x' }, ['a', 'e']],
    ['null matches missing and null', { at: null }, ['c', 'd', String(objectId), 'u', ...jobs]],
    ['a dotted path, arrays anywhere along it', { 'job.key': 'k1' }, ['p1', 'p2', 'p3']],
    ['$in on a dotted path', { 'job.key': { $in: ['k4', 'k2'] } }, ['p2', 'p4']],
    ['a date range on a dotted path', { 'job.at': { $lte: at(5) } }, ['p2']],
    ['_id and a date range in an array', { _id: 'p2', 'job.at': { $lte: at(5) } }, ['p2']],
    [
      'an $and of $ors, expanded into every combination',
      // name x or y: a, b, c, e, f; of these, at before 09:11 or job.key k1: a (09:10), b (09:05).
      {
        $and: [
          { $or: [{ name: 'x' }, { name: 'y' }] },
          { $or: [{ at: { $lt: at(11) } }, { 'job.key': 'k1' }] },
        ],
      },
      ['a', 'b'],
    ],
    [
      'an $or too large to expand',
      { $or: [...Array.from({ length: 20 }, (_, i) => ({ name: `n${i}` })), { name: 'y' }] },
      ['b', 'c'],
    ],
    [
      '$ne is left to the handler',
      { name: { $ne: 'x' } },
      ['c', 'd', String(objectId), 'u', ...jobs],
    ],
  ])('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual([...expected].sort());
  });

  // What the engine reads for a filter: on FerretDB, SQLite's plan rows; on MongoDB, the stages.
  const plan = async (filter: object) => {
    const explained = await db.connection.db!.command({
      explain: { find: 'things', filter },
      verbosity: 'queryPlanner',
    });
    const rows = explained.queryPlanner?.Plan as string[] | undefined;
    return rows ?? [JSON.stringify(explained.queryPlanner?.winningPlan)];
  };

  it.each([
    ['equality on the leading field of an index', { name: 'x' }],
    ['equality and a date range on a compound index', { name: 'x', at: { $lte: at(10) } }],
    ['equality on a dotted path', { 'job.key': 'k1' }],
    ['an $or over two indexes', { $or: [{ name: 'y' }, { 'job.key': 'k4' }] }],
    ['_id with a date range on a field no index names', { _id: 'p2', 'job.at': { $lte: at(5) } }],
  ])('answers %s from indexes, reading no other document', async (_label, filter) => {
    const rows = await plan(filter);
    // SQLite: "SEARCH things USING INDEX …" for each lookup, "SCAN things" for a full scan.
    expect(rows.join('\n')).not.toMatch(/SCAN|COLLSCAN/);
    expect(rows.join('\n')).toMatch(/INDEX|IXSCAN/);
  });

  describe('date ranges on an indexed field, which SQLite serves from the index', () => {
    // Dates from 2001-09-09 to 2286 are 13-digit milliseconds; these are not, and must still match.
    const dates = [
      { _id: 'negative', kind: 'd', at: new Date(-5_000) },
      { _id: 'epoch', kind: 'd', at: new Date(2) },
      { _id: '1990', kind: 'd', at: new Date('1990-01-01T00:00:00Z') },
      { _id: '2026', kind: 'd', at: new Date('2026-01-05T09:00:00Z') },
      { _id: '2027', kind: 'd', at: new Date('2027-01-05T09:00:00Z') },
      { _id: '2300', kind: 'd', at: new Date('2300-01-01T00:00:00Z') },
      { _id: 'list', kind: 'd', at: [new Date('1980-01-01T00:00:00Z')] },
      { _id: 'text', kind: 'd', at: '2026-01-05T09:00:00Z' },
      { _id: 'number', kind: 'd', at: 1_767_603_600_000 },
    ];
    const dateIds = async (filter: object) =>
      (await db.connection.collection('dates').find(filter).toArray())
        .map((doc) => String(doc._id))
        .sort();

    beforeAll(async () => {
      await db.connection.collection('dates').insertMany(dates as never[]);
      await db.connection.collection('dates').createIndex({ kind: 1, at: 1 });
    });

    it.each([
      [{ $lte: new Date('2026-06-01T00:00:00Z') }, ['negative', 'epoch', '1990', '2026', 'list']],
      [{ $lt: new Date('2026-01-05T09:00:00Z') }, ['negative', 'epoch', '1990', 'list']],
      [{ $gte: new Date('2026-01-05T09:00:00Z') }, ['2026', '2027', '2300']],
      [{ $gt: new Date('2026-01-05T09:00:00Z') }, ['2027', '2300']],
      [
        { $gt: new Date('1970-01-01T00:00:00Z'), $lt: new Date('2001-01-01T00:00:00Z') },
        ['epoch', '1990', 'list'],
      ],
      [{ $gte: new Date('2200-01-01T00:00:00Z') }, ['2300']],
    ])('at %o matches as MongoDB does', async (range, expected) => {
      expect(await dateIds({ kind: 'd', at: range })).toEqual([...expected].sort());
    });

    it('reads only the index range for a 13-digit date', async () => {
      const explained = await db.connection.db!.command({
        explain: {
          find: 'dates',
          filter: { kind: 'd', at: { $lte: new Date('2026-06-01T00:00:00Z') } },
        },
        verbosity: 'queryPlanner',
      });
      const rows = (explained.queryPlanner?.Plan as string[] | undefined) ?? [
        JSON.stringify(explained.queryPlanner?.winningPlan),
      ];
      expect(rows.join('\n')).not.toMatch(/SCAN|COLLSCAN/);
      // SQLite: "USING INDEX dates_…_kind_1_at_1 (<expr>=? AND <expr>>? AND <expr><?)".
      expect(rows.join('\n')).toMatch(/<expr>=\? AND <expr>>\? AND <expr><\?|IXSCAN/);
    });
  });

  it('counts, updates and deletes exactly the matching documents', async () => {
    const things = db.connection.collection('things');
    expect(await things.countDocuments({ name: 'y' })).toBe(2);
    const updated = await things.updateMany({ name: 'x' }, { $set: { seen: true } });
    expect(updated.matchedCount).toBe(4);
    const deleted = await things.deleteMany({ at: { $lte: at(10) } });
    expect(deleted.deletedCount).toBe(2);
    expect(await ids({})).toEqual(['c', 'd', 'e', 'f', String(objectId), 'u', ...jobs].sort());
  });
});
