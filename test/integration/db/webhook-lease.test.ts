import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { claimMany, createModels, type Models } from '../../../src/db/models/index.js';
import { LEASE_MS, WebhookOutbox } from '../../../src/db/repositories/webhook-outbox.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/**
 * The delivery worker's batch lease on the real engine: many deliveries taken in three calls,
 * and of two instances leasing at once each delivery goes to one of them, never both.
 */
describe('webhook deliveries leased in batches', () => {
  let db: TestDatabase;
  let other: Connection;
  let models: Models;
  let otherModels: Models;
  const now = new Date('2026-11-30T09:00:00Z');

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
    await models.webhookDeliveries.createIndexes();
    await models.claims.createIndexes();
    // A second instance: its own connection to the same database.
    other = await mongoose.createConnection(db.uri).asPromise();
    otherModels = createModels(other);
  });
  afterAll(async () => {
    await other.close();
    await db.drop();
  });

  const due = (n: number, prefix: string) =>
    models.webhookDeliveries.insertMany(
      Array.from({ length: n }, (_, i) => ({
        teamId: 'T1',
        webhookId: 'W1',
        eventId: `${prefix}-${i}`,
        event: 'conversation_created',
        body: '{}',
        nextAttemptAt: new Date(now.getTime() - 1_000 + i),
      })),
    );

  it('claimMany answers the keys this caller got first, in one call', async () => {
    expect(await claimMany(models.claims, ['k1', 'k2'], now)).toEqual(new Set(['k1', 'k2']));
    expect(await claimMany(models.claims, ['k2', 'k3', 'k1', 'k4'], now)).toEqual(
      new Set(['k3', 'k4']),
    );
    expect(await claimMany(models.claims, [], now)).toEqual(new Set());
    const stored = await models.claims.find({ _id: { $in: ['k1', 'k2', 'k3', 'k4'] } }).lean();
    expect(stored).toHaveLength(4);
  });

  it('takes the due deliveries oldest first, counts the attempt and holds them for the lease', async () => {
    await due(5, 'a');
    const outbox = new WebhookOutbox(models);
    const leased = await outbox.lease(now, 3);
    expect(leased.map((d) => d.eventId)).toEqual(['a-0', 'a-1', 'a-2']);
    expect(leased.every((d) => d.attempts === 1)).toBe(true);
    const held = await models.webhookDeliveries
      .find({ eventId: /^a-/ })
      .sort({ eventId: 1 })
      .lean();
    expect(held.map((d) => [d.attempts, d.lockedUntil?.getTime() ?? null])).toEqual([
      [1, now.getTime() + LEASE_MS],
      [1, now.getTime() + LEASE_MS],
      [1, now.getTime() + LEASE_MS],
      [0, null],
      [0, null],
    ]);
    // The rest, then nothing: the leased ones are not due again until the lease runs out.
    expect((await outbox.lease(now, 10)).map((d) => d.eventId)).toEqual(['a-3', 'a-4']);
    expect(await outbox.lease(now, 10)).toEqual([]);
    const later = new Date(now.getTime() + LEASE_MS + 1);
    expect(await outbox.lease(later, 10)).toHaveLength(5);
    await models.webhookDeliveries.deleteMany({});
  });

  it('two instances leasing at once share the deliveries: each one to one instance', async () => {
    await due(120, 'b');
    const mine = new WebhookOutbox(models);
    const theirs = new WebhookOutbox(otherModels);
    const taken: string[] = [];
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([mine.lease(now, 50), theirs.lease(now, 50)]);
      taken.push(...a.map((d) => d.eventId), ...b.map((d) => d.eventId));
      if (a.length === 0 && b.length === 0) break;
    }
    expect(taken).toHaveLength(120);
    expect(new Set(taken).size).toBe(120);
  });
});
