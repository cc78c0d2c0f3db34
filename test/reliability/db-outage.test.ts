import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { connect, withDatabase } from '../../src/db/connection.js';
import { freePort, startMongo, type MongoEngine } from '../../src/db/engine.js';
import { ackingDriver, startTestBot, type TestBot } from '../support/bot.js';
import type { SlackDriver } from '../support/slack/driver.js';
import {
  ACK_DEADLINE_MS,
  SlackDelivery,
  is2xx,
  type Attempt,
  percentile,
  pool,
  redeliver,
  report,
} from './support/slack-delivery.js';
import { healthOf, healthUntilOf, whyStillDown, type Health } from './support/health.js';
import { cardsShowing, seedWorld, type World } from './support/world.js';

/**
 * The MongoDB-protocol server stops in the middle of traffic and comes back on the same port
 * and data folder. `/healthz` reports the outage; every event Slack sends meanwhile is either
 * refused (non-2xx, so Slack retries it) or stored: none is acknowledged and then lost. Events
 * stored but not yet processed when the server went are processed once it is back.
 */
type Phase = 'before' | 'mid-traffic' | 'outage';
interface Sent {
  phase: Phase;
  channel: string;
  ts: string;
  text: string;
  delivery: SlackDelivery;
}

const CUSTOMERS = 300;
const heartbeats: string[] = [];
let port: number;
let dataDir: string;
let engine: MongoEngine;
let connection: Connection;
let t: TestBot;
/** Delivers events as Slack does and returns on the ack (the test driver waits for the work). */
let slack: SlackDriver;
let world: World;

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'db-outage-'));
  engine = await startMongo({ port, dataDir });
  const uri = withDatabase(engine.uri, 'outage', true);
  connection = await connect(uri); // the bot's own connection options
  t = await startTestBot({ database: { connection, uri, drop: async () => {} } });
  // The bot's own driver (the test reads through a connection of its own).
  const client = t.bot.deps.db.getClient();
  for (const ev of ['serverHeartbeatStarted', 'serverHeartbeatFailed', 'serverHeartbeatSucceeded'])
    client.on(ev, (e: { failure?: Error }) => {
      heartbeats.push(`${Math.round(performance.now())} ${ev} ${e.failure?.message ?? ''}`);
      if (heartbeats.length > 30) heartbeats.shift();
    });
  slack = ackingDriver(t.bot.url, t.teamId, t.sim);
  world = await seedWorld(t.sim, t.api, { channels: 1, customersPerChannel: CUSTOMERS, agents: 2 });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await connection?.close().catch(() => {});
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const health = () => healthOf(t.bot.url);
const healthUntil = (until: (h: Health) => boolean, timeoutMs?: number) =>
  healthUntilOf(t.bot.url, until, timeoutMs);

let customer = 0;
function customerPosts(phase: Phase): Sent {
  const channel = world.channels[0] as string;
  const user = world.customers[channel]?.[customer] as string;
  const text = `[${phase} ${customer++}] Reports page is empty`;
  const message = t.sim.postAsUser(channel, user, text);
  const delivery = new SlackDelivery((opts) => slack.message(message, channel, opts), text);
  return { phase, channel, ts: message.ts, text, delivery };
}

const requestCount = (s: Sent) =>
  t.db.collection('requests').countDocuments({ channelId: s.channel, rootTs: s.ts });

interface Outcome {
  sent: Sent[];
  stored: { s: Sent; requests: number; cards: number }[];
  /** First attempts sent after the stop began (in flight across it, or during the outage). */
  duringOutage: { s: Sent; a: Attempt }[];
  /** Non-2xx answers while the server was down (first attempts and Slack's immediate retries). */
  refusalMs: number[];
  healthDownMs: number | null;
  /** From the server accepting connections again to /healthz saying 200; null: not in 60 s. */
  healthUpMs: number | null;
  stillDown?: Record<string, unknown>;
  outageHealth: { status: number; database?: string; ms: number };
}

const statuses = (attempts: readonly Attempt[]) =>
  attempts.reduce<Record<string, number>>((acc, a) => {
    acc[a.status] = (acc[a.status] ?? 0) + 1;
    return acc;
  }, {});

/** Plays the outage once; the tests below read what happened. */
async function playOutage(): Promise<Outcome> {
  const sent: Sent[] = [];
  const send = async (s: Sent) => {
    sent.push(s);
    await s.delivery.attempt();
  };

  // Before: normal traffic.
  await pool(
    Array.from({ length: 10 }, () => customerPosts('before')),
    5,
    send,
  );
  const beforeAcked = sent.every((s) => s.delivery.acked);

  // Mid-traffic: the server stops while three streams deliver an event every 200 ms each.
  let stopping = false;
  let stoppedAt = 0;
  let sentAfterStop = 0;
  const stream = async () => {
    while (!(stoppedAt && sentAfterStop >= 5) && customer < CUSTOMERS - 20) {
      if (stoppedAt) sentAfterStop++;
      await send(customerPosts(stopping ? 'mid-traffic' : 'before'));
      await sleep(200);
    }
  };
  const streams = Promise.all(Array.from({ length: 3 }, stream));
  await sleep(300);
  stopping = true;
  const stopStarted = performance.now();
  await engine.stop();
  stoppedAt = performance.now();
  const stopMs = stoppedAt - stopStarted;
  const healthDownMs = await healthUntil((h) => h.status === 503 && h.database === 'down');
  await streams;

  // During the outage: more events, and Slack's immediate retry of every unacknowledged one.
  await Promise.all(Array.from({ length: 8 }, () => send(customerPosts('outage'))));
  const duringOutage = sent
    .filter((s) => s.phase !== 'before')
    .map((s) => ({ s, a: s.delivery.attempts[0] as Attempt }));
  const retry1 = await redeliver(sent.map((s) => s.delivery));
  const retry1Attempts = sent.flatMap((s) => s.delivery.attempts.filter((a) => a.retryNum === 1));
  const outageHealth = await health();

  // Recovery: same port, same data.
  const restartStarted = performance.now();
  engine = await startMongo({ port, dataDir });
  const healthUpMs = await healthUntil((h) => h.status === 200 && h.database === 'up', 60_000);
  const recoveryMs = performance.now() - restartStarted;
  const stillDown =
    healthUpMs === null
      ? { ...(await whyStillDown(t.bot.deps.db, engine.uri)), heartbeats }
      : undefined;

  // Slack's later retries (about 1 and 5 minutes on) of what it did not see acknowledged.
  const retry2 = await redeliver(sent.map((s) => s.delivery));
  const retry2Attempts = sent.flatMap((s) => s.delivery.attempts.filter((a) => a.retryNum === 2));
  const retry3 = await redeliver(sent.map((s) => s.delivery));

  // Everything acknowledged gets processed, card included: at once, or by the inbox's recovery
  // of interrupted events (their lease runs out, then the next recovery pass picks them up), or
  // for a card whose post the outage cut short, by the minutely catch-up after its grace.
  const processedStarted = performance.now();
  // (Nothing can be processed while the bot is still cut off from the server.)
  const deadline = processedStarted + (healthUpMs === null ? 0 : 150_000);
  const unprocessed = async () => {
    const acked = sent.filter((s) => s.delivery.answered2xx);
    const counts = await Promise.all(acked.map(requestCount));
    return acked.filter((s, i) => counts[i] === 0 || cardsShowing(t.sim, s.text) === 0);
  };
  while ((await unprocessed()).length > 0 && performance.now() < deadline) await sleep(1_000);
  const allProcessedAfterMs = performance.now() - processedStarted;
  await t.bot.inbox.idle();
  const leftInInbox = await t.db
    .collection('slack_events')
    .find({ state: 'processing' }, { projection: { attempts: 1, leaseUntil: 1 } })
    .toArray();

  const stored = await Promise.all(
    sent.map(async (s) => ({
      s,
      requests: await requestCount(s),
      cards: cardsShowing(t.sim, s.text),
    })),
  );
  const refusalMs = [...duringOutage.map(({ a }) => a), ...retry1Attempts]
    .filter((a) => !is2xx(a))
    .map((a) => a.ms);
  const outage2xx = duringOutage.filter(({ a }) => is2xx(a));
  report('Database outage', {
    eventsSent: sent.length,
    eventsBeforeStopAllAcked: beforeAcked,
    engineStopMs: stopMs,
    deliveryAttempts: sent.reduce((n, s) => n + s.delivery.attempts.length, 0),
    firstAttemptsAcrossOrDuringOutage: duringOutage.length,
    firstAttemptStatuses: statuses(duringOutage.map(({ a }) => a)),
    answered2xxAcrossStop: outage2xx.length,
    answered2xxAcrossStopAndStored: outage2xx.filter(
      ({ s }) => stored.find((x) => x.s === s)?.requests === 1,
    ).length,
    slackImmediateRetries: retry1,
    slackImmediateRetryStatuses: statuses(retry1Attempts),
    refusals: refusalMs.length,
    refusalLatencyP50Ms: percentile(refusalMs, 50),
    refusalLatencyMaxMs: percentile(refusalMs, 100),
    refusalsSlowerThan3s: refusalMs.filter((ms) => ms > ACK_DEADLINE_MS).length,
    healthzDownAfterStopMs: healthDownMs,
    healthzAnswerDuringOutageMs: outageHealth.ms,
    restartToHealthyMs: recoveryMs,
    healthzUpAfterRestartMs: healthUpMs ?? 'not within 60 s',
    ...(stillDown ? { stillDown } : {}),
    slackRetry2Sent: retry2,
    slackRetry2Statuses: statuses(retry2Attempts),
    slackRetry2MaxMs: percentile(
      retry2Attempts.map((a) => a.ms),
      100,
    ),
    slackRetry3Sent: retry3,
    ackedProcessedWithinMsAfterRecovery: allProcessedAfterMs,
    eventsLeftInInbox: leftInInbox.length,
    neverAcked: sent.filter((s) => !s.delivery.acked).length,
    answered2xxButMissing: stored.filter((x) => x.s.delivery.answered2xx && x.requests === 0)
      .length,
    duplicateRequests: stored.reduce((n, x) => n + Math.max(0, x.requests - 1), 0),
    duplicateCards: stored.reduce((n, x) => n + Math.max(0, x.cards - 1), 0),
    missingCards: stored.filter((x) => x.cards === 0).length,
    missingCardDetails: await Promise.all(
      stored
        .filter((x) => x.cards === 0)
        .map(async ({ s }) => ({
          message: s.text,
          attempts: s.delivery.attempts.map((a) => `${a.retryNum}:${a.status}`),
          triage: (
            await t.db.collection('requests').findOne({ channelId: s.channel, rootTs: s.ts })
          )?.triage,
        })),
    ),
  });
  return {
    sent,
    stored,
    duringOutage,
    refusalMs,
    healthDownMs,
    healthUpMs,
    stillDown,
    outageHealth,
  };
}

describe('a database outage in the middle of traffic', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await playOutage();
  }, 300_000);

  it('reports the outage on /healthz within a few seconds', () => {
    expect(outcome.healthDownMs).not.toBeNull();
    expect(outcome.healthDownMs).toBeLessThan(5_000);
    expect(outcome.outageHealth).toMatchObject({ status: 503, database: 'down' });
  });

  it('is healthy again within 10 s of the database coming back', () => {
    expect({ healthUpMs: outcome.healthUpMs, ...outcome.stillDown }).toEqual({
      healthUpMs: expect.any(Number),
    });
    expect(outcome.healthUpMs).toBeLessThan(10_000);
  });

  it('stores every event it answered with a 2xx, exactly once', () => {
    const answered = outcome.stored.filter((x) => x.s.delivery.answered2xx);
    expect(answered.map((x) => [x.s.text, x.requests])).toEqual(answered.map((x) => [x.s.text, 1]));
  });

  it('ends with every event acknowledged and stored once after Slack’s retries, each with one card', () => {
    expect(outcome.stored.map((x) => [x.s.text, x.s.delivery.acked, x.requests, x.cards])).toEqual(
      outcome.stored.map((x) => [x.s.text, true, 1, 1]),
    );
  });

  it('refuses events within Slack’s 3 s while the database is down', () => {
    // A refusal after 3 s reaches Slack as a timeout; the handler meanwhile holds the request.
    expect(outcome.refusalMs.filter((ms) => ms > ACK_DEADLINE_MS)).toEqual([]);
  });
});
