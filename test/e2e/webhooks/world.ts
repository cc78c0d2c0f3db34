import { randomBytes } from 'node:crypto';
import type { TestBot } from '../../support/bot.js';
import { until, type WebhookReceiver } from '../../support/webhook-receiver.js';

export const WEBHOOK_ENV = {
  SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_MS: '20',
};
export const ALL_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
];

/** Subscribes the receiver to `events` and hands it the secret to check signatures with. */
export async function subscribe(
  t: TestBot,
  receiver: WebhookReceiver,
  events: string[] = ALL_EVENTS,
): Promise<string> {
  const res = await t.api('POST', '/api/v1/webhooks', { url: receiver.url, subscriptions: events });
  if (res.status !== 201) throw new Error(`webhook: ${res.text}`);
  receiver.secret = res.body.secret;
  return res.body.id;
}

/** The stored deliveries, oldest first. */
export const deliveries = (t: TestBot) =>
  t.db.collection('webhook_deliveries').find({}).sort({ createdAt: 1, _id: 1 }).toArray();

/** Every request's outbox drained and every delivery settled: the stored deliveries then. */
export const settled = (t: TestBot) =>
  until(async () => {
    const waiting = await t.db
      .collection('requests')
      .countDocuments({ 'webhookEvents.id': { $exists: true } });
    const stored = await deliveries(t);
    return waiting === 0 && stored.every((d) => d.status !== 'pending') && stored;
  }, 'outbox drained and deliveries settled');
