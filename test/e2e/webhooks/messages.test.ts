import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';
import { AGENT, CHANNEL, customerWorld, newRequest, requestOf } from '../requests/world.js';
import { WEBHOOK_ENV, settled, subscribe } from './world.js';

const START = '2026-03-02T10:00:00Z';

/**
 * `message_created` webhooks: each message stored in a request's threads (the customer's reply,
 * an agent's, a private note through the API) is sent once, signed, with the message as
 * `GET …/messages` shows it and the conversation; a redelivered Slack event sends nothing more.
 */
describe('message_created webhooks', () => {
  let t: TestBot;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await customerWorld(undefined, { clock: new VirtualClock(START), env: WEBHOOK_ENV });
    receiver = await WebhookReceiver.start();
    await subscribe(t, receiver, ['message_created']);
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  it('sends the customer’s reply, the agent’s and a private note, each once with the message', async () => {
    const opening = await newRequest(t, 'U0MSG1', 'The export is empty');
    const request = await requestOf(t, opening.ts);
    const id = String(request?._id);
    const thread = { thread_ts: opening.ts };
    const { message: reply } = await t.driver.customerSays(
      CHANNEL,
      'U0MSG1',
      'Still empty',
      thread,
    );
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it', thread);
    const note = await t.api('POST', `/api/v1/conversations/${id}/messages`, {
      content: 'Probably the new filter',
      private: true,
    });
    expect(note.status).toBe(200);

    const received = await receiver.waitForAccepted(3);
    // Opening the request is no message event: only the three messages were sent.
    expect(received.map((r) => [r.event, r.verified])).toEqual(
      Array(3).fill(['message_created', true]),
    );
    const shown = (await t.api('GET', `/api/v1/conversations/${id}/messages`)).body.payload;
    expect(shown.map((m: { content: string }) => m.content)).toEqual([
      'The export is empty',
      'Still empty',
      'Looking into it',
      'Probably the new filter',
    ]);
    const bodies = received.map((r) => r.body).sort((a, b) => order(shown, a) - order(shown, b));
    expect(bodies).toEqual(
      shown.slice(1).map((message: unknown) => ({
        event: 'message_created',
        id: expect.any(String),
        timestamp: Date.parse(START) / 1000,
        message,
        conversation: expect.objectContaining({ id, channel_id: CHANNEL }),
      })),
    );
    expect(bodies.map((b) => (b.message as { message_type: string }).message_type)).toEqual([
      'incoming',
      'outgoing',
      'outgoing',
    ]);
    // Counted and queued in the same write: the request holds the counts, and no event is left.
    await settled(t);
    expect(await requestOf(t, opening.ts)).toMatchObject({
      messageCounts: { incoming: 1, outgoing: 2 },
      webhookEvents: [],
    });

    // Slack delivers the customer's reply again: it was stored already, so nothing is sent.
    await t.driver.message(reply, CHANNEL);
    const after = await settled(t);
    expect(after).toHaveLength(3);
    expect([...receiver.acceptedById().values()]).toEqual([1, 1, 1]);
    expect(await requestOf(t, opening.ts)).toMatchObject({
      messageCounts: { incoming: 1, outgoing: 2 },
    });
  });
});

/** Where a body's message stands in the thread as listed. */
const order = (shown: { id: string }[], body: Record<string, unknown>) =>
  shown.findIndex((m) => m.id === (body.message as { id: string }).id);
