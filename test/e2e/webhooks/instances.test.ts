import { startTestBot, type TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { SlackSimulator } from '../../support/slack/simulator.js';
import { until, WebhookReceiver } from '../../support/webhook-receiver.js';
import { CHANNEL, customerWorld, newRequest } from '../requests/world.js';
import { WEBHOOK_ENV, deliveries, subscribe } from './world.js';

const START = '2026-03-02T10:00:00Z';

/**
 * Several bot processes on one database, as in production: each delivery is sent by one of them
 * at a time (its lease), a delivery survives every instance stopping, and one held by an
 * instance that died is sent once its lease runs out. The receiver counts by the body's `id`.
 */
describe('webhooks across instances and restarts', () => {
  let sim: SlackSimulator;
  let database: TestDatabase;
  let clock: VirtualClock;
  let receiver: WebhookReceiver;
  let bots: TestBot[];
  let webhookId: string;
  beforeEach(async () => {
    sim = await SlackSimulator.start({ teamId: 'T0SIM' });
    database = await testDatabase();
    clock = new VirtualClock(START);
    receiver = await WebhookReceiver.start();
    const a = await customerWorld(undefined, { clock, sim, database, env: WEBHOOK_ENV });
    const b = await instance();
    bots = [a, b];
    webhookId = await subscribe(a, receiver);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await sim.close();
    await database.drop();
    await receiver.close();
  });
  const instance = () => startTestBot({ clock, sim, database, env: WEBHOOK_ENV });
  /** Waits until every delivery has had `attempts` attempts and none is being sent. */
  const attempted = (t: TestBot, count: number, attempts: number) =>
    until(async () => {
      const stored = await deliveries(t);
      const done = stored.every((d) => d.attempts === attempts && d.lockedUntil === null);
      return stored.length === count && done && stored;
    }, `${count} deliveries after ${attempts} attempts`);

  it('sends each event once per attempt from two instances, none lost through an outage', async () => {
    const [a, b] = bots as [TestBot, TestBot];
    receiver.down = true;
    for (let i = 0; i < 8; i++) await newRequest(i % 2 ? a : b, `U0MULTI${i}`, `Question ${i}`);
    await receiver.waitForReceipts(8);
    await attempted(a, 8, 1);
    expect(new Set(receiver.receipts.map((r) => r.id)).size).toBe(8);

    receiver.down = false;
    await a.advance(1);
    await receiver.waitForAccepted(8);
    const stored = await until(async () => {
      const all = await deliveries(a);
      return all.every((d) => d.status === 'delivered') && all;
    }, 'all delivered');
    await a.advance(60);
    expect([...receiver.acceptedById().keys()].sort()).toEqual(stored.map((d) => d.eventId).sort());
    expect([...receiver.acceptedById().values()]).toEqual(Array(8).fill(1));
    expect(receiver.receipts).toHaveLength(16);
    expect(receiver.receipts.every((r) => r.verified)).toBe(true);
  });

  it('sends each thread message once when the replies come to either instance, through an outage', async () => {
    const [a, b] = bots as [TestBot, TestBot];
    const res = await a.api('PATCH', `/api/v1/webhooks/${webhookId}`, {
      subscriptions: ['message_created'],
    });
    expect(res.status).toBe(200);
    const opening = await newRequest(a, 'U0REPLIES', 'A thread');
    receiver.down = true;
    for (let i = 0; i < 6; i++) {
      const bot = i % 2 ? a : b;
      await bot.driver.customerSays(CHANNEL, 'U0REPLIES', `Reply ${i}`, { thread_ts: opening.ts });
    }
    await attempted(a, 6, 1);
    receiver.down = false;
    await b.advance(1);
    await receiver.waitForAccepted(6);
    await until(
      async () => (await deliveries(a)).every((d) => d.status === 'delivered'),
      'all delivered',
    );
    const accepted = receiver.accepted();
    expect(accepted.map((r) => [r.event, r.verified])).toEqual(
      Array(6).fill(['message_created', true]),
    );
    const texts = accepted.map((r) => (r.body.message as { content: string }).content).sort();
    expect(texts).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Reply ${i}`));
    expect([...receiver.acceptedById().values()]).toEqual(Array(6).fill(1));
  });

  it('keeps pending deliveries while every instance is down and sends them after a restart', async () => {
    const [a, b] = bots as [TestBot, TestBot];
    receiver.down = true;
    await newRequest(a, 'U0RESTART1', 'Before the restart');
    await newRequest(b, 'U0RESTART2', 'Before the restart too');
    await attempted(a, 2, 1);
    // Every instance stops (the simulator and database are the test's, and stay).
    for (const bot of bots.splice(0)) await bot.stop();
    receiver.down = false;
    const c = await instance();
    bots = [c];
    await c.advance(1);
    await receiver.waitForAccepted(2);
    await until(
      async () => (await deliveries(c)).every((d) => d.status === 'delivered'),
      'delivered after the restart',
    );
    expect([...receiver.acceptedById().values()]).toEqual([1, 1]);
    expect(receiver.receipts).toHaveLength(4);
  });

  it('sends a delivery held by an instance that died once its lease has run out', async () => {
    const [a] = bots as [TestBot, TestBot];
    receiver.down = true;
    await newRequest(a, 'U0LEASE1', 'Held');
    const [held] = await attempted(a, 1, 1);
    receiver.down = false;
    // As an instance leaves it that took the retry at 10:01 and crashed while sending.
    await a.db
      .collection('webhook_deliveries')
      .updateOne(
        { _id: held?._id },
        { $set: { lockedUntil: new Date(Date.parse(START) + 2 * 60_000) }, $inc: { attempts: 1 } },
      );
    await a.advance(1);
    // A later event goes out; the held one, due earlier, would have gone first were it free.
    await newRequest(a, 'U0LEASE2', 'Not held');
    const [later] = await receiver.waitForAccepted(1);
    expect(later?.id).not.toBe(held?.eventId);
    await a.advance(1);
    await receiver.waitForAccepted(2);
    expect(receiver.acceptedById().get(String(held?.eventId))).toBe(1);
    await until(async () => {
      const stored = await deliveries(a);
      return stored.every((d) => d.status === 'delivered');
    }, 'both delivered');
    expect((await deliveries(a)).find((d) => d.eventId === held?.eventId)).toMatchObject({
      attempts: 3,
    });
  });
});
