import { randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { VirtualClock } from '../../support/clock.js';
import type { TestBot } from '../../support/bot.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { AGENT, CHANNEL, TRIAGE, eventually } from '../requests/world.js';
import { EMAIL_SETTINGS, SUPPORT, emailWorld, mailer } from './world.js';

const CAROL = { name: 'Carol Customer', address: 'carol@customer.test' };
const PIXEL = /http:\/\/bot\.test\/t\/([0-9a-f]{32})\.gif/;

describe('an agent answers an e-mail request in Slack', () => {
  let t: TestBot;
  let sink: SmtpSink;
  let clock: VirtualClock;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    clock = new VirtualClock('2026-03-02T10:00:00Z');
    t = await emailWorld(
      {
        SMTP_RELAY_URL: sink.url,
        EMAIL_POLL_MS: '20',
        PUBLIC_URL: 'http://bot.test',
        SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
      { clock },
    );
    // acme.test logs in to the relay with its own SMTP login (its password stored sealed).
    const domains = EMAIL_SETTINGS.emailToSlack.domains.map((domain) =>
      domain.name === 'acme.test'
        ? { ...domain, smtp_login: 'postmaster@acme.test', smtp_password: 'relay pass' }
        : domain,
    );
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { emailToSlack: { domains } },
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await t.stop();
    await sink.close();
  });

  /**
   * A customer writes (each test its own: a second mail from the same sender would be grouped
   * into her open request); answers the request (its card posted) and the mail's Message-ID.
   */
  async function customerWrites(subject: string, from = CAROL) {
    const info = await mailer(t).sendMail({ from, to: SUPPORT, subject, text: 'Help' });
    const post = t.sim.messages(CHANNEL).find((m) => m.text.includes(subject));
    const request = await eventually(async () => {
      const found = await t.db.collection('requests').findOne({ rootTs: post?.ts });
      return found?.triage?.ts ? found : undefined;
    });
    return { request, messageId: info.messageId };
  }
  /** The request's triage card as Slack shows it now. */
  const card = (request: object) =>
    JSON.stringify(
      t.sim.message(TRIAGE, (request as { triage: { ts: string } }).triage.ts)?.blocks,
    );
  const outbox = () => t.db.collection('email_outbox').find({}).sort({ createdAt: 1 }).toArray();
  /** The request's one queued reply, once `done` says its attempt is settled. */
  const settled = (requestId: unknown, done: (entry: Record<string, unknown>) => boolean) =>
    eventually(async () => {
      const entry = await t.db.collection('email_outbox').findOne({ requestId });
      return entry && entry.lockedUntil === null && done(entry) ? entry : undefined;
    });

  it('mails the reply from the mapped address (logged in as its domain), threaded under her mail, with a pixel whose fetch shows on the card', async () => {
    const { request, messageId } = await customerWrites('Invoice missing');
    const thread = await t.db.collection('email_threads').findOne({ _id: request._id });
    await t.driver.agentSays(CHANNEL, AGENT, 'Resent it, see <https://acme.test/inv|the invoice>', {
      thread_ts: request.rootTs,
    });

    const mail = await sink.waitFor(() => sink.received.at(-1));
    expect(sink.logins).toEqual(['postmaster@acme.test:relay pass']);
    expect(mail.from?.value).toEqual([{ name: 'Acme support', address: SUPPORT }]);
    expect(mail.to).toMatchObject({ value: [{ address: CAROL.address }] });
    expect(mail.replyTo?.value[0]?.address).toBe(`support+${thread?.token}@acme.test`);
    expect(mail.subject).toBe('Re: Invoice missing');
    expect(mail.inReplyTo).toBe(messageId);
    expect(mail.references).toBe(messageId);
    expect(mail.text?.trim()).toBe('Resent it, see the invoice (https://acme.test/inv)');
    const pixel = PIXEL.exec(String(mail.html))?.[1];
    expect(pixel).toMatch(/^[0-9a-f]{32}$/);
    const queued = await settled(request._id, (entry) => entry.status === 'sent');
    expect(queued).toMatchObject({ attempts: 1, messageId: mail.messageId });
    await t.sim.waitFor(() => card(request).includes('E-mail replies: 1 sent'));

    const gif = await fetch(`${t.bot.url}/t/${pixel}.gif`);
    expect([gif.status, gif.headers.get('content-type')]).toEqual([200, 'image/gif']);
    await t.sim.waitFor(() => card(request).includes('opened once'));
    expect((await outbox())[0]?.opens).toBe(1);
    const unknown = await fetch(`${t.bot.url}/t/${'0'.repeat(32)}.gif`);
    expect(unknown.status).toBe(200); // the same answer: it tells nothing about which ids exist

    // Her answer to the reply joins the same request.
    await mailer(t).sendMail({
      from: CAROL,
      to: `support+${thread?.token}@acme.test`,
      subject: mail.subject,
      inReplyTo: mail.messageId,
      references: [messageId as string, mail.messageId as string],
      text: 'Got it, thanks',
    });
    const replies = t.sim.thread(CHANNEL, request.rootTs).map((m) => m.text);
    expect(replies.at(-1)).toContain('Got it, thanks');
    expect(await t.db.collection('requests').countDocuments({ rootTs: request.rootTs })).toBe(1);
  });

  it('sends no private note, and no pixel when disableTrackingPixel is on', async () => {
    const patched = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { ma: { config: { disableTrackingPixel: true } } },
    });
    expect(patched.status).toBe(200);
    const { request } = await customerWrites('Seats', {
      name: 'Dan',
      address: 'dan@customer.test',
    });
    const before = sink.received.length;
    const note = await t.api('POST', `/api/v1/conversations/${String(request._id)}/messages`, {
      content: 'Internal: check with sales',
      private: true,
    });
    expect(note.status).toBe(200);
    await t.driver.agentSays(CHANNEL, AGENT, 'Added two seats', { thread_ts: request.rootTs });
    const mail = await sink.waitFor(() => sink.received.length > before && sink.received.at(-1));
    expect(sink.received.slice(before).map((m) => m.text?.trim())).toEqual(['Added two seats']);
    expect(String(mail.html)).not.toContain('<img');
    const queued = await t.db.collection('email_outbox').find({ requestId: request._id }).toArray();
    expect(queued.map((q) => [q.text, q.tracked])).toEqual([['Added two seats', false]]);
    const counted = await fetch(`${t.bot.url}/t/${queued[0]?.pixelId}.gif`);
    expect(counted.status).toBe(200);
    expect((await t.db.collection('email_outbox').findOne({ _id: queued[0]?._id }))?.opens).toBe(0);
  });

  it('tries a refused reply again later, shows it on the card meanwhile, and sends it once', async () => {
    const { request } = await customerWrites('Retry please', {
      name: 'Eve',
      address: 'eve@customer.test',
    });
    sink.refuseNext(1);
    const before = sink.received.length;
    await t.driver.agentSays(CHANNEL, AGENT, 'On it', { thread_ts: request.rootTs });
    const pending = await settled(request._id, (entry) => entry.attempts === 1);
    expect(pending).toMatchObject({ status: 'pending', lastError: expect.stringContaining('451') });
    await t.sim.waitFor(() => card(request).includes('1 sending (retrying: 451 4.3.2 Try again'));
    expect(pending?.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 60_000));

    await t.advance(1); // the first retry is a minute later
    const mail = await sink.waitFor(() => sink.received.length > before && sink.received.at(-1));
    expect(mail.text?.trim()).toBe('On it');
    await t.sim.waitFor(() => card(request).includes('E-mail replies: 1 sent'));
    const again = await settled(request._id, (entry) => entry.status === 'sent');
    await t.advance(300);
    expect(again).toMatchObject({ attempts: 2, lastError: null });
    expect(await t.db.collection('email_outbox').findOne({ _id: again._id })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(sink.received.filter((m) => m.messageId === again?.messageId)).toHaveLength(1);
  });

  it('gives a reply up after its last attempt and shows it failed on the card', async () => {
    const { request } = await customerWrites('Never arrives', {
      name: 'Fay',
      address: 'fay@customer.test',
    });
    sink.refuseNext(6);
    await t.driver.agentSays(CHANNEL, AGENT, 'This will bounce', { thread_ts: request.rootTs });
    // Tried at once, then 1, 5, 15, 60 and 240 minutes after each failure.
    for (const [index, minutes] of [0, 1, 5, 15, 60, 240].entries()) {
      if (minutes > 0) await t.advance(minutes);
      await settled(request._id, (entry) => entry.attempts === index + 1);
    }
    await t.sim.waitFor(() => card(request).includes(':warning: 1 not sent: 451'));
    const failed = await t.db.collection('email_outbox').findOne({ requestId: request._id });
    expect(failed).toMatchObject({ status: 'failed', attempts: 6 });
    expect(sink.refusalsLeft).toBe(0);
  });
  it('sends a reply a crash left stored but unqueued, found by the next sweep, once', async () => {
    const { request } = await customerWrites('Cut off', {
      name: 'Gil',
      address: 'gil@customer.test',
    });
    const openedAt = clock.now();
    await t.advance(1);
    // The state a crash between storing agent replies and their hook leaves: stored, no entry.
    let stored = 0;
    const message = (text: string, extra: object = {}) => ({
      _id: new ObjectId(),
      teamId: t.teamId,
      channelId: CHANNEL,
      ts: `1772445000.00010${(stored += 1)}`,
      requestId: request._id,
      userId: AGENT,
      kind: 'outgoing',
      private: false,
      text,
      createdAt: clock.now(),
      editedAt: null,
      deletedAt: null,
      expiredAt: null,
      ...extra,
    });
    const lost = message('The reply the crash cut off');
    await t.db.collection('messages').insertMany([
      lost,
      message('A private note', { private: true }),
      message('Her own words', { kind: 'incoming', userId: 'email:gil@customer.test' }),
      // Stored before her thread was opened (a reply in a Slack request her mail then joined):
      // it was never meant for her by e-mail, and the sweep leaves it so.
      message('Posted before it opened', { createdAt: new Date(openedAt.getTime() - 1_000) }),
    ] as never[]);
    await t.advance(1);
    const mail = await sink.waitFor(() =>
      sink.received.find((m) => m.text?.includes('The reply the crash cut off')),
    );
    const sent = await settled(request._id, (entry) => entry.status === 'sent');
    expect(sent).toMatchObject({
      _id: lost._id,
      messageId: mail.messageId,
      to: 'gil@customer.test',
    });
    const thread = await t.db.collection('email_threads').findOne({ _id: request._id });
    expect(thread?.messageIds).toContain(mail.messageId);
    await t.advance(2); // later sweeps find it queued
    await t.advance(2);
    expect(await t.db.collection('email_outbox').countDocuments({ requestId: request._id })).toBe(
      1,
    );
    const texts = sink.received.filter((m) => m.to && JSON.stringify(m.to).includes('gil@'));
    expect(texts.map((m) => m.text?.trim())).toEqual(['The reply the crash cut off']);
  });

  it("sends an automation rule's send_message to the e-mail customer as a reply", async () => {
    const created = await t.api('POST', '/api/v1/automation_rules', {
      name: 'Password help',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['password'] }],
      actions: [{ action_name: 'send_message', action_params: ['Reset it at acme.test/reset'] }],
    });
    expect(created.status).toBe(201);
    try {
      const before = sink.received.length;
      const { request } = await customerWrites('Lost my password', {
        name: 'Hal',
        address: 'hal@customer.test',
      });
      const mail = await sink.waitFor(() => sink.received.length > before && sink.received.at(-1));
      expect(mail.to).toMatchObject({ value: [{ address: 'hal@customer.test' }] });
      expect(mail.subject).toBe('Re: Lost my password');
      expect(mail.text?.trim()).toBe('Reset it at acme.test/reset');
      const queued = await t.db
        .collection('email_outbox')
        .find({ requestId: request._id })
        .toArray();
      expect(queued.map((q) => q.text)).toEqual(['Reset it at acme.test/reset']);
    } finally {
      await t.api('DELETE', `/api/v1/automation_rules/${created.body.id}`);
    }
  });
});
