import { setTimeout as sleep } from 'node:timers/promises';
import { ackingDriver, startTestBot, type TestBot } from '../support/bot.js';
import { testDatabase, testMongoUri, type TestDatabase } from '../support/db.js';
import { healthUntilOf } from './support/health.js';
import {
  ACK_DEADLINE_MS,
  SlackDelivery,
  is2xx,
  redeliver,
  report,
  type Attempt,
} from './support/slack-delivery.js';
import { StallingProxy } from './support/stalling-proxy.js';
import { cardsShowing, seedWorld, type World } from './support/world.js';

/**
 * The database stops answering without closing its connections (a hung server, a lost network
 * path) at a moment the driver still counts it as up: its last heartbeat succeeded and the next
 * one has not timed out yet. Slack events arriving then find their insert stuck in flight, or
 * queued behind one. The driver gives up on such writes only after its own timeouts (the
 * in-flight one when the monitor's heartbeat times out, after connectTimeoutMS; the queued one
 * 5 s later, serverSelectionTimeoutMS): 9.5 s and 14.5 s, far past Slack's 3 s. The bot must
 * answer them with a 5xx at once so Slack retries, and process each retried event exactly once,
 * including the one whose refused insert reached the database after all.
 */
interface Sent {
  text: string;
  channel: string;
  ts: string;
  delivery: SlackDelivery;
}

let proxy: StallingProxy;
let database: TestDatabase;
let t: TestBot;
let world: World;

beforeAll(async () => {
  const server = new URL(testMongoUri());
  proxy = await StallingProxy.start({ host: server.hostname, port: Number(server.port) });
  database = await testDatabase();
  // The bot reaches the server through the proxy; the test reads through a connection of its own.
  t = await startTestBot({ database: { ...database, uri: proxy.uriFor(database.uri) } });
  world = await seedWorld(t.sim, t.api, { channels: 1, customersPerChannel: 4, agents: 1 });
}, 60_000);

afterAll(async () => {
  proxy?.resume();
  await t?.stop();
  await database?.drop();
  await proxy?.close();
});

let customer = 0;
function customerPosts(label: string): Sent {
  const channel = world.channels[0] as string;
  const user = world.customers[channel]?.[customer++] as string;
  const text = `[stall ${label}] Invoices do not load`;
  const message = t.sim.postAsUser(channel, user, text);
  const slack = ackingDriver(t.bot.url, t.teamId, t.sim);
  const delivery = new SlackDelivery((opts) => slack.message(message, channel, opts), text);
  return { text, channel, ts: message.ts, delivery };
}

const storedEvent = (s: Sent) =>
  t.db.collection('slack_events').findOne({ _id: s.delivery.eventId as never });
const requestCount = (s: Sent) =>
  t.db.collection('requests').countDocuments({ channelId: s.channel, rootTs: s.ts });

/** Polls `check` until it holds; false after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

describe('a database that stops answering while the driver still counts it as up', () => {
  let warmUp: Attempt;
  let first: Sent;
  let second: Sent;
  let refused: Attempt[];
  let lateWriteStored: boolean;
  let unsentWriteStored: boolean;
  let retries: Attempt[];
  let outcome: { text: string; requests: number; cards: number; state: unknown }[];

  beforeAll(async () => {
    // A normal event first: the driver has its connections and a fresh heartbeat.
    const normal = customerPosts('before');
    warmUp = await normal.delivery.attempt();
    await t.bot.inbox.idle();

    proxy.stall();
    // Both at once: the first one's insert goes out (and hangs), the second waits behind it.
    first = customerPosts('in flight');
    second = customerPosts('queued');
    refused = await Promise.all([first.delivery.attempt(), second.delivery.attempt()]);
    proxy.resume();

    // The write held by the stalled server reaches it now, after its event was refused; the
    // queued one was never sent.
    lateWriteStored = await eventually(async () => (await storedEvent(first)) !== null);
    unsentWriteStored = (await storedEvent(second)) !== null;
    await healthUntilOf(t.bot.url, (h) => h.status === 200 && h.database === 'up');

    // Slack retries what it did not see acknowledged.
    await redeliver([first.delivery, second.delivery]);
    retries = [first.delivery, second.delivery].map((d) => d.attempts.at(-1) as Attempt);
    await t.bot.inbox.idle();
    outcome = await Promise.all(
      [first, second].map(async (s) => ({
        text: s.text,
        requests: await requestCount(s),
        cards: cardsShowing(t.sim, s.text),
        state: (await storedEvent(s))?.state,
      })),
    );
    report('Database stall', {
      warmUpStatus: warmUp.status,
      refusedStatuses: refused.map((a) => a.status),
      refusedMs: refused.map((a) => Math.round(a.ms)),
      lateWriteStored,
      unsentWriteStored,
      retryStatuses: retries.map((a) => a.status),
      outcome,
    });
  }, 120_000);

  it('refuses events with a 5xx within Slack’s 3 s', () => {
    expect(warmUp.status).toBe(200);
    expect(refused.map((a) => [a.status >= 500, a.ms < ACK_DEADLINE_MS])).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('stores a refused event only if its insert had already gone out', () => {
    expect({ lateWriteStored, unsentWriteStored }).toEqual({
      lateWriteStored: true,
      unsentWriteStored: false,
    });
  });

  it('acknowledges Slack’s retries and processes each event exactly once, at once', () => {
    expect(retries.map(is2xx)).toEqual([true, true]);
    expect(outcome).toEqual([
      { text: first.text, requests: 1, cards: 1, state: 'done' },
      { text: second.text, requests: 1, cards: 1, state: 'done' },
    ]);
  });
});
