import { RequestEdits } from '../../../src/services/requests/edits.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';
import { AGENT, CHANNEL, customerWorld, newRequest, requestOf } from '../requests/world.js';
import { WEBHOOK_ENV, settled, subscribe } from './world.js';

/**
 * `message_updated` webhooks: an edit or a deletion in Slack of a message stored in a request's
 * thread is sent once, signed, with the message as it is now (`content_attributes.edited` or
 * `deleted`); an edit that changes no text (Slack's unfurls) and a message the bot does not
 * store send nothing; the same Slack event worked twice sends one event.
 */
describe('message_updated webhooks', () => {
  let t: TestBot;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    const clock = new VirtualClock('2026-03-02T10:00:00Z');
    t = await customerWorld(undefined, { clock, env: WEBHOOK_ENV });
    receiver = await WebhookReceiver.start();
    await subscribe(t, receiver, ['message_updated']);
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  it('sends an edit and a deletion of thread replies, each once, with the message as it is now', async () => {
    const opening = await newRequest(t, 'U0UPD1', 'Exports are empty');
    const thread = { thread_ts: opening.ts };
    const said = await t.driver.customerSays(CHANNEL, 'U0UPD1', 'Since Monday', thread);
    const { message: answer } = await t.driver.agentSays(CHANNEL, AGENT, 'Lookng', thread);
    await t.driver.messageChanged(CHANNEL, answer.ts, 'Looking into it');
    await t.driver.messageChanged(CHANNEL, answer.ts, 'Looking into it'); // an unfurl: same text
    await t.driver.messageDeleted(CHANNEL, said.message.ts);
    await t.driver.messageChanged(CHANNEL, opening.ts, 'Exports are empty!'); // the root: no reply

    const received = await receiver.waitForAccepted(2);
    await settled(t);
    expect(receiver.accepted()).toHaveLength(2);
    const bodies = received.map((r) => ({ verified: r.verified, ...r.body }));
    const request = await requestOf(t, opening.ts);
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          verified: true,
          event: 'message_updated',
          message: expect.objectContaining({
            content: 'Looking into it',
            message_type: 'outgoing',
            content_attributes: expect.objectContaining({ edited: true, deleted: false }),
          }),
          conversation: expect.objectContaining({ id: String(request?._id) }),
        }),
        expect.objectContaining({
          verified: true,
          event: 'message_updated',
          message: expect.objectContaining({
            message_type: 'incoming',
            content_attributes: expect.objectContaining({ deleted: true }),
          }),
        }),
      ]),
    );
    const stored = await t.db.collection('messages').find({ requestId: request?._id }).toArray();
    expect(stored.find((m) => m.ts === answer.ts)).toMatchObject({ text: 'Looking into it' });
    expect(stored.find((m) => m.ts === said.message.ts)).toMatchObject({ text: null });
  });

  it('the same edit worked twice (a crash after the event was queued) is one event', async () => {
    const opening = await newRequest(t, 'U0UPD2', 'Invoices are late');
    const { message } = await t.driver.customerSays(CHANNEL, 'U0UPD2', 'Since Tuesdy', {
      thread_ts: opening.ts,
    });
    const before = receiver.accepted().length;
    const edits = new RequestEdits(t.bot.deps, await t.bot.deps.slack(t.teamId));
    const key = {
      teamId: t.teamId,
      channelId: CHANNEL,
      ts: message.ts,
      eventTs: '1772445600.000100',
    };
    // The first attempt queued the event and died before the edit was stored: the retry does both.
    const request = await requestOf(t, opening.ts);
    const stored = await t.db.collection('messages').findOne({ ts: message.ts });
    await edits['updatedEvent']({ ...stored, requestId: request?._id } as never, key.eventTs);
    await edits.replyEdited(key, 'Since Tuesday', []);
    await edits.replyEdited(key, 'Since Tuesday', []);
    await receiver.waitForAccepted(before + 1);
    await settled(t);
    expect(
      receiver
        .accepted()
        .slice(before)
        .map((r) => r.event),
    ).toEqual(['message_updated']);
    expect(await t.db.collection('messages').findOne({ ts: message.ts })).toMatchObject({
      text: 'Since Tuesday',
    });
  });
});
