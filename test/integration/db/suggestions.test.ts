import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createModels, type Models } from '../../../src/db/models/index.js';
import { SuggestionStore } from '../../../src/db/repositories/suggestions.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/** The suggestions repository: once per message, the per-channel cap, one winner per click. */
describe('SuggestionStore', () => {
  let db: TestDatabase;
  let models: Models;
  let store: SuggestionStore;
  const kept = (channelId: string, ts: string) => ({
    teamId: 'T1',
    channelId,
    ts,
    authorId: 'U1',
    text: 'thanks',
    why: 'pleasantry' as const,
    state: 'kept' as const,
  });

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
    await models.suggestions.createIndexes();
    store = new SuggestionStore(models);
  });
  afterAll(() => db.drop());

  it('stores a message once: the second insert finds the first', async () => {
    const first = await store.insert(kept('C0ONCE', '1.1'));
    const again = await store.insert(kept('C0ONCE', '1.1'));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(String(again.suggestion._id)).toBe(String(first.suggestion._id));
  });

  it("keeps a channel's newest kept messages within the cap, leaving other channels alone", async () => {
    for (const ts of ['2.1', '2.2', '2.3', '2.4']) await store.insert(kept('C0CAP', ts));
    await store.insert(kept('C0OTHER', '2.5'));

    expect(await store.trimKept('T1', 'C0CAP', 2)).toBe(2);

    const left = await models.suggestions.find({ channelId: 'C0CAP' }).lean();
    expect(left.map((s) => s.ts).sort()).toEqual(['2.3', '2.4']);
    expect(await models.suggestions.countDocuments({ channelId: 'C0OTHER' })).toBe(1);
  });

  it('lets one of two handlers at once win', async () => {
    const { suggestion } = await store.insert(kept('C0RACE', '3.1'));
    const at = new Date('2026-01-05T09:00:00Z');
    const results = await Promise.all([
      store.handle(suggestion._id, 'accepted', 'U0A', at),
      store.handle(suggestion._id, 'dismissed', 'U0B', at),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
