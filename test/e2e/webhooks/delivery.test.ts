import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { until, WebhookReceiver } from '../../support/webhook-receiver.js';
import { AGENT, CHANNEL, customerWorld, newRequest, requestOf } from '../requests/world.js';
import { WEBHOOK_ENV, deliveries, subscribe } from './world.js';

const START = '2026-03-02T10:00:00Z';

/**
 * Webhooks end to end: a change in Slack or through the API is written with its event, the
 * worker sends it signed to a real HTTP receiver, retries through an outage, marks it failed
 * after six attempts, and sends it again on request with the same id.
 */
describe('webhook deliveries', () => {
  let t: TestBot;
  let clock: VirtualClock;
  let receiver: WebhookReceiver;
  let webhookId: string;
  beforeAll(async () => {
    clock = new VirtualClock(START);
    t = await customerWorld(undefined, { clock, env: WEBHOOK_ENV });
    receiver = await WebhookReceiver.start();
    webhookId = await subscribe(t, receiver);
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  beforeEach(async () => {
    // What the last test left in the outbox or to send goes out before this one starts.
    receiver.down = false;
    await until(
      async () =>
        (await t.db
          .collection('requests')
          .countDocuments({ 'webhookEvents.id': { $exists: true } })) === 0 &&
        (await t.db.collection('webhook_deliveries').countDocuments({ status: 'pending' })) === 0,
      'outbox and deliveries settled',
    );
    receiver.reset();
    await t.db.collection('webhook_deliveries').deleteMany({});
  });

  it('sends each change signed, with the conversation, and logs it as delivered', async () => {
    const message = await newRequest(t, 'U0HOOK1', 'Our exports fail');
    const request = await requestOf(t, message.ts);
    const id = String(request?._id);
    const [created] = await receiver.waitForAccepted(1);
    expect(created).toMatchObject({ event: 'conversation_created', verified: true });
    expect(created?.body).toEqual({
      event: 'conversation_created',
      id: expect.any(String),
      timestamp: Date.parse(START) / 1000,
      conversation: expect.objectContaining({ id, status: 'open', channel_id: request?.channelId }),
    });

    const toggled = await t.api('POST', `/api/v1/conversations/${id}/toggle_status`, {
      status: 'resolved',
    });
    expect(toggled.status).toBe(200);
    const assigned = await t.api('POST', `/api/v1/conversations/${id}/assignments`, {
      assignee_id: AGENT,
    });
    // A closed request takes no assignee: the change is refused and sends no event.
    expect(assigned.status).toBe(422);
    const after = await receiver.waitForAccepted(2);
    expect(after.map((r) => r.event)).toEqual([
      'conversation_created',
      'conversation_status_changed',
    ]);
    expect(after[1]?.body.conversation).toMatchObject({ id, status: 'resolved' });
    expect(receiver.receipts.every((r) => r.verified)).toBe(true);

    const log = await t.api('GET', `/api/v1/webhooks/${webhookId}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body).toEqual(
      [...after].reverse().map((r) =>
        expect.objectContaining({
          event_id: r.id,
          event: r.event,
          status: 'delivered',
          attempts: 1,
          last_status_code: 200,
          next_attempt_at: null,
        }),
      ),
    );
    expect((await requestOf(t, message.ts))?.webhookEvents).toEqual([]);
  });

  it('sends an assignment as conversation_updated', async () => {
    const message = await newRequest(t, 'U0HOOK2', 'Who is on this?');
    const id = String((await requestOf(t, message.ts))?._id);
    await receiver.waitForAccepted(1);
    const res = await t.api('POST', `/api/v1/conversations/${id}/assignments`, {
      assignee_id: AGENT,
    });
    expect(res.status).toBe(200);
    const [, updated] = await receiver.waitForAccepted(2);
    expect(updated).toMatchObject({ event: 'conversation_updated', verified: true });
    expect(updated?.body.conversation).toMatchObject({ id, meta: { assignee: { id: AGENT } } });
  });

  it('sends priority and label changes as conversation_updated', async () => {
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { support: { tags: [{ name: 'Billing', value: 'billing' }] } } },
    });
    const message = await newRequest(t, 'U0HOOK3', 'Invoices are wrong');
    const id = String((await requestOf(t, message.ts))?._id);
    await receiver.waitForAccepted(1);
    const changes: [string, unknown][] = [
      ['toggle_priority', { priority: 'high' }],
      ['labels', { labels: ['billing'] }],
    ];
    for (const [action, body] of changes) {
      const res = await t.api('POST', `/api/v1/conversations/${id}/${action}`, body);
      expect([action, res.status]).toEqual([action, 200]);
    }
    const received = await receiver.waitForAccepted(3);
    expect(received.map((r) => r.event)).toEqual([
      'conversation_created',
      'conversation_updated',
      'conversation_updated',
    ]);
    expect(received.at(-1)?.body.conversation).toMatchObject({
      id,
      priority: 'high',
      labels: ['billing'],
    });
  });

  it('retries through a receiver outage with backoff: none lost, none accepted twice', async () => {
    receiver.down = true;
    for (const customer of ['U0OUT1', 'U0OUT2', 'U0OUT3']) await newRequest(t, customer, 'Down?');
    await receiver.waitForReceipts(3);
    const pending = await until(async () => {
      const stored = await deliveries(t);
      return stored.length === 3 && stored.every((d) => d.lastStatusCode === 503) && stored;
    }, 'three first attempts recorded');
    for (const delivery of pending) {
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
      expect(delivery.nextAttemptAt).toEqual(new Date(Date.parse(START) + 60_000));
    }
    expect(receiver.receipts).toHaveLength(3);

    await t.advance(1);
    await receiver.waitForReceipts(6);
    receiver.down = false;
    await t.advance(5);
    await receiver.waitForAccepted(3);
    await until(
      async () => (await deliveries(t)).every((d) => d.status === 'delivered'),
      'all delivered',
    );
    await t.advance(60);
    const ids = (await deliveries(t)).map((d) => d.eventId).sort();
    expect([...receiver.acceptedById().keys()].sort()).toEqual(ids);
    expect([...receiver.acceptedById().values()]).toEqual([1, 1, 1]);
    expect(receiver.receipts).toHaveLength(9);
    expect((await deliveries(t)).map((d) => d.attempts)).toEqual([3, 3, 3]);
  });

  /** Waits until the worker recorded attempt `n` of the one delivery. */
  const settled = (n: number) =>
    until(async () => {
      const [delivery] = await deliveries(t);
      return delivery?.attempts === n && delivery.lockedUntil === null;
    }, `attempt ${n} recorded`);

  it('marks a delivery failed after six attempts over about an hour, and redelivers it with the same id', async () => {
    receiver.down = true;
    await newRequest(t, 'U0FAIL1', 'Anyone?');
    await receiver.waitForReceipts(1);
    let attempts = 1;
    for (const minutes of [1, 5, 10, 20, 30]) {
      await settled(attempts);
      await t.advance(minutes);
      await receiver.waitForReceipts(++attempts);
    }
    const [failed] = await until(async () => {
      const stored = await deliveries(t);
      return stored[0]?.status === 'failed' && stored;
    }, 'marked failed');
    expect(failed).toMatchObject({ attempts: 6, lastStatusCode: 503 });
    await t.advance(120);
    expect(receiver.receipts).toHaveLength(6);
    const log = await t.api('GET', `/api/v1/webhooks/${webhookId}/deliveries`);
    expect(log.body[0]).toMatchObject({ status: 'failed', attempts: 6, next_attempt_at: null });

    receiver.down = false;
    const path = `/api/v1/webhooks/${webhookId}/deliveries/${String(failed?._id)}/redeliver`;
    const res = await t.api('POST', path, {});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'pending', attempts: 0 });
    const [again] = await receiver.waitForAccepted(1);
    expect(again?.id).toBe(failed?.eventId);
    expect(again?.verified).toBe(true);
    await until(async () => (await deliveries(t))[0]?.status === 'delivered', 'delivered');
  });

  it('sends nothing a webhook is not subscribed to, and nothing after it is deleted', async () => {
    const other = await WebhookReceiver.start();
    try {
      const onlyStatus = await subscribe(t, other, ['conversation_status_changed']);
      const message = await newRequest(t, 'U0SUBS1', 'Subscriptions');
      await receiver.waitForAccepted(1);
      const id = String((await requestOf(t, message.ts))?._id);
      await t.api('POST', `/api/v1/conversations/${id}/toggle_status`, { status: 'resolved' });
      await other.waitForAccepted(1);
      await receiver.waitForAccepted(2);
      expect(other.receipts.map((r) => r.event)).toEqual(['conversation_status_changed']);
      expect((await t.api('DELETE', `/api/v1/webhooks/${onlyStatus}`)).status).toBe(204);
      expect(
        await t.db.collection('webhook_deliveries').countDocuments({ webhookId: onlyStatus }),
      ).toBe(0);
    } finally {
      await other.close();
    }
  });
});
