import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { ConnectorOptions } from '../../../src/connectors/connector.js';
import { createModels, type Models } from '../../../src/db/models/index.js';
import { ConnectorStore } from '../../../src/db/repositories/connectors.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/**
 * The Salesforce poll's lease on the real engine: of two instances taking a connector's poll at
 * once one gets it; it is free again once ended (the cursor kept), and a crashed poll's lapses.
 */
describe('Salesforce Case poll leased per connector', () => {
  let db: TestDatabase;
  let other: Connection;
  let models: Models;
  let otherModels: Models;
  const now = new Date('2026-11-30T09:00:00Z');

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
    await models.claims.createIndexes();
    other = await mongoose.createConnection(db.uri).asPromise();
    otherModels = createModels(other);
  });
  afterAll(async () => {
    await other.close();
    await db.drop();
  });

  it('goes to one of two instances, is free once ended, and lapses after a crash', async () => {
    const mine = new ConnectorStore(models);
    const theirs = new ConnectorStore(otherModels);
    const created = await mine.create('T1', {
      type: 'salesforce',
      baseUrl: 'https://acme.my.salesforce.com',
      credentials: { enc: 'v1:sealed' },
      options: ConnectorOptions.parse({}),
      vendorUserId: '005xx',
    });
    const read = async () => {
      const found = await mine.byId(String(created._id));
      if (!found) throw new Error('connector gone');
      return found;
    };
    const doc = await read();
    const won = await Promise.all([
      mine.leaseCaseSync(doc, now, 60_000),
      theirs.leaseCaseSync(doc, now, 60_000),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    // Held: neither takes it again until it ends or lapses.
    expect(await theirs.leaseCaseSync(await read(), now, 60_000)).toBe(false);

    const cursor = { casesSince: new Date('2026-11-30T08:59:00Z'), commentsSince: now };
    await mine.endCaseSync(doc, cursor);
    const ended = await read();
    expect(ended.caseSync).toEqual({ ...cursor, lockedUntil: null, version: 1 });
    expect(await theirs.leaseCaseSync(ended, now, 60_000)).toBe(true);

    // That instance crashed: after its lease, another takes the poll on from the same cursor.
    const held = await read();
    expect(await mine.leaseCaseSync(held, now, 60_000)).toBe(false);
    const later = new Date(now.getTime() + 61_000);
    expect(await mine.leaseCaseSync(held, later, 60_000)).toBe(true);
    expect((await read()).caseSync.casesSince).toEqual(cursor.casesSince);
  });
});
