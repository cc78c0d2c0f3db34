import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createModels, type Models } from '../../../src/db/models/index.js';
import { RequestStore } from '../../../src/db/repositories/requests.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/**
 * What a customer's top-level message meets when it arrives (`RequestStore.openingLookup`): the
 * request it already opened, else the latest one it may join, in one read.
 */
describe('the opening lookup of a top-level message', () => {
  let db: TestDatabase;
  let store: RequestStore;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
  const open = (rootTs: string, requesterId: string, minute: number) =>
    store.create({
      teamId: 'T1',
      channelId: 'C1',
      rootTs,
      requesterId,
      text: 'help',
      at: at(minute),
    });
  const lookup = async (rootTs: string, requesterId = 'U1') => {
    const found = await store.openingLookup('T1', 'C1', rootTs, requesterId);
    return { existing: found.existing?.rootTs ?? null, latest: found.latest?.rootTs ?? null };
  };

  beforeAll(async () => {
    db = await testDatabase();
    store = new RequestStore(createModels(db.connection) as Models);
    await open('1700000100.000100', 'U1', 1);
    // Made later from an earlier message (a suggestion's Create request): created last.
    await open('1700000050.000100', 'U1', 5);
    await open('1700000200.000100', 'U2', 2);
  });
  afterAll(() => db.drop());

  it('finds the request a redelivered message opened, even when a later-made one exists', async () => {
    expect(await lookup('1700000100.000100')).toEqual({
      existing: '1700000100.000100',
      latest: null,
    });
  });

  it('offers a new message the request opened by the customer’s latest earlier message', async () => {
    expect(await lookup('1700000150.000100')).toEqual({
      existing: null,
      latest: '1700000100.000100',
    });
    expect(await lookup('1700000060.000100')).toEqual({
      existing: null,
      latest: '1700000050.000100',
    });
  });

  it('never offers a request opened by a later message or another customer', async () => {
    expect(await lookup('1700000010.000100')).toEqual({ existing: null, latest: null });
    expect(await lookup('1700000300.000100', 'U3')).toEqual({ existing: null, latest: null });
  });
});
