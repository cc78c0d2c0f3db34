import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { TestBot } from '../support/bot.js';
import { CUSTOMER, customerWorld } from '../e2e/requests/world.js';

/** A customer channel the bot has not seen yet: its first message makes it look the channel up. */
const NEWCO = 'C0EXTNEWCO';
const lookUpOf = (channel: string) => (params: Record<string, unknown>) =>
  params.channel === channel;

/**
 * A stored event whose run fails (here: Slack answers `internal_error` while the bot looks up a
 * channel it has never seen) was acknowledged all the same; the failure goes from the listener
 * through the app's error handler back to the inbox, which counts it and runs the event again
 * from its stored payload.
 */
describe('an event whose run fails', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    t.sim.addChannel({ id: NEWCO, name: 'ext-newco', members: [t.sim.botUserId, CUSTOMER] });
  });
  afterAll(() => t.stop());

  /** The stored event of the message sent at `ts` (its payload is the delivery's JSON text). */
  const storedEvent = (ts: string) =>
    t.db
      .collection('slack_events')
      .findOne({ payload: { $regex: `"ts":"${ts.replace('.', '\\.')}"` } });
  const requestOf = (ts: string) =>
    t.db.collection('requests').findOne({ channelId: NEWCO, rootTs: ts });

  it('is acknowledged, counted as a failed run and run again from the stored payload', async () => {
    t.sim.fail('conversations.info', { error: 'internal_error' }, { when: lookUpOf(NEWCO) });
    const { message, response } = await t.driver.customerSays(NEWCO, CUSTOMER, 'Is anyone there?');
    expect(response.status).toBe(200);
    await t.bot.inbox.idle();
    expect(await storedEvent(message.ts)).toMatchObject({ state: 'processing', attempts: 1 });
    expect(await requestOf(message.ts)).toBeNull();

    expect(await t.bot.inbox.recover()).toBe(1);
    await t.bot.inbox.idle();
    expect(await storedEvent(message.ts)).toBeNull(); // done: the payload is dropped
    expect(await requestOf(message.ts)).toMatchObject({ status: 'open' });
  });

  it('logs, with the event id, a failed run it could not count', async () => {
    const { deps } = t.bot;
    const logger = deps.logger;
    const updateOne = deps.models.slackEvents.updateOne;
    const lines: string[] = [];
    deps.logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    // The database refuses the one write that counts the failed run.
    deps.models.slackEvents.updateOne = ((filter: unknown, update: { $inc?: unknown }) =>
      update.$inc
        ? Promise.reject(Object.assign(new Error('gone'), { name: 'MongoNetworkError' }))
        : updateOne.call(deps.models.slackEvents, filter as never, update as never)) as never;
    try {
      const channel = 'C0EXTLATER';
      t.sim.addChannel({ id: channel, name: 'ext-later', members: [t.sim.botUserId, CUSTOMER] });
      t.sim.fail('conversations.info', { error: 'internal_error' }, { when: lookUpOf(channel) });
      await t.driver.customerSays(channel, CUSTOMER, 'Hello again');
      await t.bot.inbox.idle();
    } finally {
      deps.models.slackEvents.updateOne = updateOne;
      deps.logger = logger;
    }
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const uncounted = logged.find((l) => String(l.msg).startsWith('could not count'));
    expect(uncounted).toMatchObject({ code: 'database_unavailable', eventId: expect.any(String) });
    expect(
      logged.find((l) => l.msg === 'event processing failed; it will be retried'),
    ).toMatchObject({ eventId: uncounted?.eventId, code: 'slack_unavailable' });
  });
});
