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

  it('two instances draining the same events at once: each delivery stored leased to one of them', async () => {
    const fresh = (prefix: string) =>
      Array.from({ length: 40 }, (_, i) => ({
        teamId: 'T1',
        webhookId: `W${i % 3}`,
        eventId: `${prefix}-${i}`,
        event: 'conversation_created' as const,
        body: `{"n":${i}}`,
        nextAttemptAt: now,
      }));
    const [a, b] = await Promise.all([
      new WebhookOutbox(models).storeLeased(fresh('c'), now),
      new WebhookOutbox(otherModels).storeLeased(fresh('c'), now),
    ]);
    const keys = [...a, ...b].map((d) => `${d.webhookId}:${d.eventId}`);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    const stored = await models.webhookDeliveries.find({ eventId: /^c-/ }).lean();
    expect(stored).toHaveLength(40);
    // Held for the first attempt: not due to anyone else until the lease runs out.
    expect(stored.every((d) => d.attempts === 1 && d.status === 'pending')).toBe(true);
    expect(new Set(stored.map((d) => d.lockedUntil?.getTime()))).toEqual(
      new Set([now.getTime() + LEASE_MS]),
    );
    expect(await new WebhookOutbox(models).lease(now, 100)).toEqual([]);
    // Drained again later (a crash before the events left the request): nothing new to send.
    expect(await new WebhookOutbox(models).storeLeased(fresh('c'), now)).toEqual([]);
    await models.webhookDeliveries.deleteMany({});
  });

  it('settles each outcome as it came, the same outcomes together', async () => {
    await due(4, 'd');
    const outbox = new WebhookOutbox(models);
    const leased = await outbox.lease(now, 4);
    const deliveredAt = new Date(now.getTime() + 500);
    const retryAt = new Date(now.getTime() + 60_000);
    const ok = { status: 'delivered' as const, statusCode: 200, error: null, deliveredAt };
    await outbox.settle([
      { delivery: leased[0]!, outcome: ok },
      { delivery: leased[1]!, outcome: ok },
      {
        delivery: leased[2]!,
        outcome: { status: 'pending', statusCode: 503, error: 'HTTP 503', nextAttemptAt: retryAt },
      },
      { delivery: leased[3]!, outcome: { status: 'failed', statusCode: null, error: 'refused' } },
    ]);
    const stored = await models.webhookDeliveries
      .find({ eventId: /^d-/ })
      .sort({ eventId: 1 })
      .lean();
    expect(
      stored.map((d) => [d.status, d.lastStatusCode, d.lastError, d.lockedUntil, d.attempts]),
    ).toEqual([
      ['delivered', 200, null, null, 1],
      ['delivered', 200, null, null, 1],
      ['pending', 503, 'HTTP 503', null, 1],
      ['failed', null, 'refused', null, 1],
    ]);
    expect(stored.map((d) => d.deliveredAt?.getTime() ?? null)).toEqual([
      deliveredAt.getTime(),
      deliveredAt.getTime(),
      null,
      null,
    ]);
    expect(stored[2]!.nextAttemptAt).toEqual(retryAt);
    await models.webhookDeliveries.deleteMany({});
  });
});
