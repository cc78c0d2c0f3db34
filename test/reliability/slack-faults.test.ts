import { setTimeout as sleep } from 'node:timers/promises';
import { catchUpCards } from '../../jobs/catch-up.js';
import { ACTIONS } from '../../src/constants.js';
import { ackingDriver, type TestBot } from '../support/bot.js';
import type { SlackDriver } from '../support/slack/driver.js';
import type { CallRecord, Fault } from '../support/slack/types.js';
import {
  AGENT,
  CHANNEL,
  TRIAGE,
  botPosts,
  click,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../e2e/requests/world.js';
import { ACK_DEADLINE_MS, SlackDelivery, redeliver, report } from './support/slack-delivery.js';

/**
 * Slack's Web API misbehaves for a while (429 with Retry-After, 5xx, a hung call,
 * channel_not_found on the triage channel) while customers write: every message still becomes
 * exactly one request with exactly one triage card, and rate limits are waited out.
 */
const figures = {
  messagesSent: 0,
  eventAttempts: 0,
  clicksSent: 0,
  faultsArmed: 0,
  faultedCalls: 0,
  rateLimitRetries: 0,
  minRetryGapOverRetryAfterMs: Infinity,
  requestsMissing: 0,
  duplicateRequests: 0,
  duplicateCards: 0,
  cardsMissing: 0,
  /** The slowest answer to an event delivery, per case (Slack gives up after 3 s). */
  slowestEventAckMs: {} as Record<string, number>,
  slowestClickAckMs: 0,
  channelNotFoundDeliveries: 'n/a',
  hungCardPostedAfterMs: 0,
};

let t: TestBot;
/** Delivers events as Slack does and returns on the ack (the test driver waits for the work). */
let slack: SlackDriver;
let customers = 0;

beforeAll(async () => {
  t = await customerWorld();
  slack = ackingDriver(t.bot.url, t.teamId, t.sim);
});
afterAll(async () => {
  report('Slack API faults', figures);
  await t.stop();
});

const toTriage = (params: Record<string, unknown>) => params.channel === TRIAGE;

function arm(method: string, fault: Fault, times: number, when = toTriage) {
  t.sim.fail(method, fault, { times, when });
  figures.faultsArmed += times;
}

/** A new customer posts `text` at the top level; Slack delivers the event (not yet sent). */
function customerPosts(text: string): { ts: string; text: string; delivery: SlackDelivery } {
  const user = newCustomer(t, `U0FAULT${++customers}`);
  const message = t.sim.postAsUser(CHANNEL, user, text);
  figures.messagesSent++;
  const delivery = new SlackDelivery(async (opts) => {
    figures.eventAttempts++;
    return slack.message(t.sim.message(CHANNEL, message.ts) ?? message, CHANNEL, opts);
  }, text);
  return { ts: message.ts, text, delivery };
}

const cardsShowing = (text: string) =>
  botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks ?? m.text).includes(text)).length;

const requestCount = (ts: string) =>
  t.db.collection('requests').countDocuments({ channelId: CHANNEL, rootTs: ts });

/** Every message has exactly one request and exactly one card (waiting for stragglers). */
async function expectOneRequestAndOneCardEach(messages: { ts: string; text: string }[]) {
  await t.bot.inbox.idle();
  await Promise.all(
    messages.map((m) =>
      eventually(async () => (await requestOf(t, m.ts))?.triage.ts, 5_000).catch(() => null),
    ),
  );
  // Time for a second card, if something were to post one.
  await sleep(300);
  const found = await Promise.all(
    messages.map(async (m) => ({ ...m, requests: await requestCount(m.ts) })),
  );
  for (const m of found) {
    const cards = cardsShowing(m.text);
    if (m.requests === 0) figures.requestsMissing++;
    if (m.requests > 1) figures.duplicateRequests += m.requests - 1;
    if (cards > 1) figures.duplicateCards += cards - 1;
    if (cards === 0) figures.cardsMissing++;
  }
  expect(
    found.map((m) => ({ message: m.text, requests: m.requests, cards: cardsShowing(m.text) })),
  ).toEqual(found.map((m) => ({ message: m.text, requests: 1, cards: 1 })));
}

/** Each rate-limited call is sent again, unchanged, no sooner than Retry-After. */
function expectRateLimitsWaitedOut(method: string, retryAfterS: number) {
  const calls = t.sim.calls(method);
  const limited = calls.filter((c) => c.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  for (const call of limited) {
    const same = JSON.stringify(call.params);
    const retry = calls.find(
      (c: CallRecord) => c.at.getTime() > call.at.getTime() && JSON.stringify(c.params) === same,
    );
    expect(retry).toBeDefined();
    const gap = (retry as CallRecord).at.getTime() - call.at.getTime();
    figures.rateLimitRetries++;
    figures.minRetryGapOverRetryAfterMs = Math.min(
      figures.minRetryGapOverRetryAfterMs,
      gap - retryAfterS * 1000,
    );
    expect(gap).toBeGreaterThanOrEqual(retryAfterS * 1000);
  }
}

function noteAcks(label: string, deliveries: SlackDelivery[]) {
  const slowest = Math.max(...deliveries.flatMap((d) => d.attempts.map((a) => a.ms)));
  figures.slowestEventAckMs[label] = Math.round(slowest);
}

describe('Slack API faults', () => {
  beforeEach(() => {
    t.sim.clearFaults();
    t.sim.clearCalls();
  });

  it('waits out 429s on chat.postMessage as Retry-After says and posts each card once', async () => {
    arm('chat.postMessage', { status: 429, retryAfter: 1 }, 3);
    const messages = Array.from({ length: 6 }, (_, i) =>
      customerPosts(`[429-post ${i}] Invoices for batch ${i} are missing`),
    );
    await Promise.all(messages.map((m) => m.delivery.attempt()));
    noteAcks(
      '429 chat.postMessage',
      messages.map((m) => m.delivery),
    );
    // Slack retries what it did not see acknowledged in time; that must not post a second card.
    await redeliver(messages.map((m) => m.delivery));
    await expectOneRequestAndOneCardEach(messages);
    figures.faultedCalls += t.sim.calls('chat.postMessage').filter((c) => c.status === 429).length;
    expectRateLimitsWaitedOut('chat.postMessage', 1);
  });

  it('waits out a 429 on chat.update and the card shows every change', async () => {
    const [m] = [customerPosts('[429-update] Billing page shows the wrong plan')];
    await m!.delivery.attempt();
    await eventually(async () => (await requestOf(t, m!.ts))?.triage.ts);
    arm('chat.update', { status: 429, retryAfter: 2 }, 1);
    const started = Date.now();
    const assign = await click(t, m!.ts, ACTIONS.assignToMe, AGENT);
    figures.clicksSent++;
    figures.slowestClickAckMs = Math.max(figures.slowestClickAckMs, Date.now() - started);
    expect(assign.status).toBe(200);
    await click(t, m!.ts, ACTIONS.inProgress, AGENT);
    figures.clicksSent++;
    const card = (await requestOf(t, m!.ts))?.triage.ts as string;
    await t.sim.waitFor(
      () => {
        const blocks = JSON.stringify(t.sim.message(TRIAGE, card)?.blocks);
        return blocks.includes(`assigned to <@${AGENT}>`) && blocks.includes('In progress');
      },
      { timeoutMs: 5_000, what: 'the card to show the assignment and the new status' },
    );
    figures.faultedCalls += t.sim.calls('chat.update').filter((c) => c.status === 429).length;
    expectRateLimitsWaitedOut('chat.update', 2);
    await expectOneRequestAndOneCardEach([m!]);
  });

  it('retries 500, 502 and 503 answers and posts each card once', async () => {
    arm('chat.postMessage', { status: 500 }, 1);
    arm('chat.postMessage', { status: 502 }, 1);
    arm('chat.postMessage', { status: 503 }, 1);
    arm('chat.update', { status: 500 }, 1);
    const messages = Array.from({ length: 6 }, (_, i) =>
      customerPosts(`[5xx ${i}] Exports for region ${i} time out`),
    );
    await Promise.all(messages.map((m) => m.delivery.attempt()));
    noteAcks(
      '5xx',
      messages.map((m) => m.delivery),
    );
    await redeliver(messages.map((m) => m.delivery));
    await expectOneRequestAndOneCardEach(messages);
    await click(t, messages[0]!.ts, ACTIONS.close, AGENT);
    figures.clicksSent++;
    const card = (await requestOf(t, messages[0]!.ts))?.triage.ts as string;
    await t.sim.waitFor(
      () => JSON.stringify(t.sim.message(TRIAGE, card)?.blocks).includes('Closed'),
      {
        timeoutMs: 5_000,
        what: 'the closed card',
      },
    );
    const failed = [...t.sim.calls('chat.postMessage'), ...t.sim.calls('chat.update')].filter(
      (c) => (c.status ?? 0) >= 500,
    );
    figures.faultedCalls += failed.length;
    expect(failed).toHaveLength(4);
  });

  it('acks at once through a hung chat.postMessage and posts the card once after the client times out', async () => {
    arm('chat.postMessage', { hang: true }, 1);
    const m = customerPosts('[hang] The API returns 504 for every call');
    const first = await m.delivery.attempt();
    expect(first.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(m.delivery.acked).toBe(true);
    // The same event again while the card post hangs (Slack sends duplicates now and then).
    await t.sim.waitFor(() => t.sim.calls('chat.postMessage').some((c) => c.status === undefined), {
      what: 'the hung card post',
    });
    const duplicate = await m.delivery.attempt();
    expect(duplicate.status).toBe(200);
    expect(await requestCount(m.ts)).toBe(1);
    noteAcks('hung call', [m.delivery]);
    figures.faultedCalls += 1;
    const started = Date.now();
    await eventually(async () => (await requestOf(t, m.ts))?.triage.ts, 20_000);
    figures.hungCardPostedAfterMs = Date.now() - started;
    await expectOneRequestAndOneCardEach([m]);
  }, 45_000);

  it('keeps requests through channel_not_found on the triage channel and posts their cards once it clears', async () => {
    arm('chat.postMessage', { error: 'channel_not_found' }, 4);
    const messages = Array.from({ length: 4 }, (_, i) =>
      customerPosts(`[not-found ${i}] Webhook ${i} stopped firing`),
    );
    await Promise.all(messages.map((m) => m.delivery.attempt()));
    noteAcks(
      'channel_not_found',
      messages.map((m) => m.delivery),
    );
    await t.bot.inbox.idle();
    figures.faultedCalls += t.sim.calls('chat.postMessage').filter((c) => c.error).length;
    for (const m of messages) expect(await requestCount(m.ts)).toBe(1);
    // No crash: the bot is healthy and the next message gets its card.
    const health = await fetch(`${t.bot.url}/healthz`);
    expect(health.status).toBe(200);
    const after = customerPosts('[not-found after] A fresh question once the channel is back');
    await after.delivery.attempt();
    await expectOneRequestAndOneCardEach([after]);
    // The fault has cleared; Slack redelivers only what it did not see acknowledged.
    // They were all acknowledged (200), so Slack sends none of them again.
    const redelivered = await redeliver(messages.map((m) => m.delivery));
    figures.channelNotFoundDeliveries = `${messages.filter((m) => m.delivery.acked).length} acked, ${redelivered} redelivered`;
    // The per-minute catch-up posts cards missing past its grace period: age the requests past
    // it (rather than wait a minute) and run it, twice, as two overlapping runs would.
    await t.db
      .collection('requests')
      .updateMany({ 'triage.ts': null }, { $set: { createdAt: new Date(Date.now() - 120_000) } });
    await Promise.all([catchUpCards(t.bot.deps), catchUpCards(t.bot.deps)]);
    await expectOneRequestAndOneCardEach(messages);
  });
});
