import { pino } from 'pino';
import type { TestBot } from '../../support/bot.js';
import { CHANNEL } from '../requests/world.js';
import { SUPPORT, emailWorld, mailer, refusal } from './world.js';

const DAN = { name: 'Dan', address: 'dan@customer.test' };

describe('inbound e-mail survives retries, cut-off deliveries and auto-responders', () => {
  let t: TestBot;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
    t = await emailWorld({}, { logger });
  });
  afterAll(() => t.stop());

  const postsMentioning = (text: string) =>
    t.sim.messages(CHANNEL).filter((m) => m.text.includes(text));
  const send = (subject: string, messageId: string, headers: Record<string, string> = {}) =>
    mailer(t).sendMail({ from: DAN, to: SUPPORT, subject, text: 'Hello', messageId, headers });
  const arrival = (messageId: string) =>
    t.db
      .collection('email_arrivals')
      .findOne({ _id: `${t.teamId}/${CHANNEL}/${messageId}` as never });

  it('posts a message delivered twice once, even when the first delivery was cut off before its e-mail thread was recorded', async () => {
    const id = '<twice-1@customer.test>';
    await send('Delivered twice', id);
    expect(postsMentioning('Delivered twice')).toHaveLength(1);
    const request = await t.db
      .collection('requests')
      .findOne({ rootTs: postsMentioning('Delivered twice')[0]?.ts });
    expect(await arrival(id)).toMatchObject({ ts: request?.rootTs });
    // The state a crash right after the Slack post leaves: no e-mail thread records the mail.
    await t.db.collection('email_threads').deleteOne({ _id: request?._id });

    await send('Delivered twice', id); // the sender's retry
    expect(postsMentioning('Delivered twice')).toHaveLength(1);
    expect(await t.db.collection('requests').countDocuments({ rootTs: request?.rootTs })).toBe(1);
    // The retry finished the delivery: the thread is recorded, replies will find the request.
    expect(await t.db.collection('email_threads').findOne({ _id: request?._id })).toMatchObject({
      messageIds: [id],
    });
  });

  it('posts once when two sessions deliver the same message at the same moment', async () => {
    const id = '<together-1@customer.test>';
    const outcomes = await Promise.allSettled([send('Both at once', id), send('Both at once', id)]);
    expect(postsMentioning('Both at once')).toHaveLength(1);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    for (const o of refused) {
      expect((o.reason as { responseCode?: number }).responseCode).toBe(451);
    }
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });

  it('makes the post of a delivery that died before posting, once its hold ran out, and not while it holds', async () => {
    const id = '<held-1@customer.test>';
    const key = `${t.teamId}/${CHANNEL}/${id}`;
    const arrivals = t.db.collection('email_arrivals');
    // A delivery in another session holds it right now: this one is told to try later.
    const until = new Date(Date.now() + 3_600_000);
    await arrivals.insertOne({
      _id: key as never,
      ts: null,
      lockedUntil: until,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const busy = await refusal(send('Held message', id));
    expect(busy.responseCode).toBe(451);
    expect(postsMentioning('Held message')).toHaveLength(0);
    // That delivery died without posting: after its hold, the next retry posts it.
    await arrivals.updateOne({ _id: key as never }, { $set: { lockedUntil: new Date(0) } });
    await send('Held message', id);
    expect(postsMentioning('Held message')).toHaveLength(1);
    expect((await arrival(id))?.ts).toBe(postsMentioning('Held message')[0]?.ts);
  });

  it.each([
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated', { 'Auto-Submitted': 'auto-generated' }],
    ['Precedence: bulk', { Precedence: 'bulk' }],
    ['Precedence: junk', { Precedence: 'junk' }],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }],
    ['X-Auto-Response-Suppress', { 'X-Auto-Response-Suppress': 'All' }],
    ['Return-Path: <>', { 'Return-Path': '<>' }],
  ])(
    'takes an automatic message (%s) but opens no request and logs it',
    async (reason, headers) => {
      const subject = `Out of office ${reason}`;
      const before = await t.db.collection('requests').countDocuments({});
      const info = await send(subject, `<auto-${before}-${Date.now()}@customer.test>`, headers);
      expect(info.accepted).toEqual([SUPPORT]);
      expect(postsMentioning(subject)).toHaveLength(0);
      expect(await t.db.collection('requests').countDocuments({})).toBe(before);
      const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({
          msg: 'e-mail: automatic message taken and dropped',
          reason,
          messageId: info.messageId,
          dropped: expect.any(Number),
        }),
      );
    },
  );

  it('still takes a person’s mail that says Auto-Submitted: no', async () => {
    await send('Written by hand', '<by-hand-1@customer.test>', { 'Auto-Submitted': 'no' });
    expect(postsMentioning('Written by hand')).toHaveLength(1);
  });
});
