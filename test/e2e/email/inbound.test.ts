import type { TestBot } from '../../support/bot.js';
import { CHANNEL, TRIAGE, botPosts } from '../requests/world.js';
import { BLOCKED, EXTRA, FILTERED, SECURE, SUPPORT, emailWorld, mailer, refusal } from './world.js';

const CAROL = { name: 'Carol Customer', address: 'carol@customer.test' };

const requests = (t: TestBot) => t.db.collection('requests').find({ channelId: CHANNEL }).toArray();
const threads = (t: TestBot) => t.db.collection('email_threads').find({}).toArray();
const postsMentioning = (t: TestBot, text: string) =>
  t.sim.messages(CHANNEL).filter((m) => m.text.includes(text));

describe('a customer writes to a mapped address', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await emailWorld();
  });
  afterAll(() => t.stop());

  it('posts the mail in the channel and opens a request with the sender as requester and a triage card', async () => {
    const info = await mailer(t).sendMail({
      from: CAROL,
      to: SUPPORT,
      subject: 'Export fails',
      text: [
        'Hi, the CSV export fails since this morning.',
        '',
        'On Mon, 30 Nov 2026 at 08:00, Support <support@acme.test> wrote:',
        '> Anything else?',
        '',
        '-- ',
        'Carol, Customer Inc.',
      ].join('\n'),
      attachments: [{ filename: 'error.log', content: 'stack trace' }],
    });
    expect(info.accepted).toEqual([SUPPORT]);
    const [post] = postsMentioning(t, 'Export fails');
    expect(post?.text).toBe(
      '✉️ from Carol Customer &lt;carol@customer.test&gt;\n*Export fails*\n' +
        'Hi, the CSV export fails since this morning.\n:paperclip: error.log',
    );
    expect(post?.bot_id).toBe(t.sim.botId);
    const [request] = await requests(t);
    expect(request).toMatchObject({
      rootTs: post?.ts,
      status: 'open',
      requesterId: 'email:carol@customer.test',
      source: 'email',
    });
    const card = await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).find((m) => m.text.includes('carol@customer.test')),
    );
    expect(card.text).toMatch(/^Open: request from carol@customer\.test in <#C0EXTACME>/);
    expect(await threads(t)).toEqual([
      expect.objectContaining({
        _id: request?._id,
        mailbox: SUPPORT,
        contactEmail: CAROL.address,
        messageIds: [info.messageId],
      }),
    ]);
    const contact = await t.db.collection('contacts').findOne({ email: CAROL.address });
    expect(contact).toMatchObject({ identity: 'email:carol@customer.test', name: CAROL.name });
    const listed = await t.api('GET', `/api/v1/contacts/${String(contact?._id)}/conversations`);
    expect(listed.body.payload.map((c: { id: string }) => c.id)).toEqual([String(request?._id)]);
  });

  it('adds a reply by In-Reply-To to the same request thread, with no new request', async () => {
    const [thread] = await threads(t);
    const info = await mailer(t).sendMail({
      from: CAROL,
      to: SUPPORT,
      subject: 'Re: Export fails',
      inReplyTo: thread?.messageIds[0],
      references: [thread?.messageIds[0]],
      text: 'It fails for PDF too.\n\n> quoted earlier text',
    });
    const replies = t.sim.thread(CHANNEL, thread?.rootTs);
    expect(replies.at(-1)?.text).toBe(
      '✉️ from Carol Customer &lt;carol@customer.test&gt;\n*Re: Export fails*\nIt fails for PDF too.',
    );
    expect(await requests(t)).toHaveLength(1);
    const stored = await t.db
      .collection('messages')
      .find({ requestId: thread?._id, kind: 'incoming' })
      .toArray();
    expect(stored.map((m) => m.userId)).toEqual(['email:carol@customer.test']);
    expect((await threads(t))[0]?.messageIds).toEqual([thread?.messageIds[0], info.messageId]);
  });

  it('finds the thread by the token in the reply address when the headers are gone', async () => {
    const [thread] = await threads(t);
    const [local, domain] = SUPPORT.split('@');
    await mailer(t).sendMail({
      from: CAROL,
      to: `${local}+${thread?.token}@${domain}`,
      subject: 'Export',
      text: 'Any news?',
    });
    expect(t.sim.thread(CHANNEL, thread?.rootTs).at(-1)?.text).toContain('Any news?');
    expect(await requests(t)).toHaveLength(1);
  });

  it('refuses an unmapped address and a blocking one at RCPT with 550, storing nothing', async () => {
    const before = t.sim.messages(CHANNEL).length;
    for (const to of ['nobody@acme.test', BLOCKED]) {
      const refused = await refusal(
        mailer(t).sendMail({ from: CAROL, to, subject: 'Hello', text: 'Anyone?' }),
      );
      expect(refused.responseCode).toBe(550);
    }
    expect(t.sim.messages(CHANNEL)).toHaveLength(before);
    expect(await requests(t)).toHaveLength(1);
  });

  it('refuses a plain-text session for a domain that requires TLS, and takes it over STARTTLS', async () => {
    const refused = await refusal(
      mailer(t, { plain: true }).sendMail({ from: CAROL, to: SECURE, subject: 'Plain', text: 'x' }),
    );
    expect(refused).toMatchObject({ responseCode: 530 });
    expect(refused.response).toContain('requires an encrypted session');
    expect(postsMentioning(t, 'Plain')).toEqual([]);
    await mailer(t).sendMail({ from: CAROL, to: SECURE, subject: 'Encrypted', text: 'Hello' });
    expect(postsMentioning(t, 'Encrypted')).toHaveLength(1);
  });

  it('refuses a message without a From address with 550, posting nothing', async () => {
    const raw = `To: ${SUPPORT}\r\nSubject: Anonymous\r\n\r\nWho am I?\r\n`;
    const refused = await refusal(
      mailer(t).sendMail({ envelope: { from: 'bounce@x.test', to: [SUPPORT] }, raw }),
    );
    expect(refused).toMatchObject({ responseCode: 550 });
    expect(refused.response).toContain('From address is required');
    expect(postsMentioning(t, 'Anonymous')).toEqual([]);
  });

  it('refuses a message over the size limit with 552, posting nothing', async () => {
    const refused = await refusal(
      mailer(t).sendMail({
        from: CAROL,
        to: SUPPORT,
        subject: 'Huge',
        text: 'x'.repeat(30_000),
      }),
    );
    expect(refused.responseCode).toBe(552);
    expect(postsMentioning(t, 'Huge')).toEqual([]);
  });

  it('takes at most the recipient limit, posting the message once for the channel', async () => {
    const info = await mailer(t).sendMail({
      from: CAROL,
      to: [SUPPORT, ...EXTRA],
      subject: 'Many recipients',
      text: 'To all of you',
    });
    expect(info.accepted).toEqual([SUPPORT, ...EXTRA.slice(0, 2)]);
    expect(info.rejected).toEqual([EXTRA[2]]);
    expect(postsMentioning(t, 'Many recipients')).toHaveLength(1);
  });

  it('refuses a message failing SPF to a domain whose spam_action is block, and tags it for one that tags', async () => {
    const forged = {
      from: { name: 'Bank', address: 'ceo@bank.test' },
      subject: 'Urgent transfer',
      text: 'Pay now',
      headers: { 'Authentication-Results': 'mx.acme.test; spf=fail smtp.mailfrom=bank.test' },
    };
    const refused = await refusal(mailer(t).sendMail({ ...forged, to: FILTERED }));
    expect(refused.responseCode).toBe(550);
    expect(refused.response).toContain('spam (spf=fail)');
    expect(postsMentioning(t, 'Urgent transfer')).toEqual([]);
    await mailer(t).sendMail({ ...forged, to: SUPPORT });
    const [tagged] = postsMentioning(t, 'Urgent transfer');
    expect(tagged?.text).toContain(':warning: _flagged as possible spam (spf=fail)_');
  });

  it('groups a second mail within the window into the open request, and threads a reply to it there', async () => {
    const dave = { name: 'Dave', address: 'dave@customer.test' };
    await mailer(t).sendMail({ from: dave, to: SUPPORT, subject: 'Login fails', text: 'Help' });
    const second = await mailer(t).sendMail({
      from: dave,
      to: SUPPORT,
      subject: 'Also',
      text: 'And the password reset too',
    });
    const opened = await t.db
      .collection('requests')
      .findOne({ requesterId: 'email:dave@customer.test' });
    expect(opened?.groupedTs).toHaveLength(1);
    await mailer(t).sendMail({
      from: dave,
      to: SUPPORT,
      subject: 'Re: Also',
      inReplyTo: second.messageId,
      text: 'Fixed now',
    });
    expect(t.sim.thread(CHANNEL, opened?.rootTs).at(-1)?.text).toContain('Fixed now');
    expect(
      await t.db.collection('requests').countDocuments({ requesterId: 'email:dave@customer.test' }),
    ).toBe(1);
  });
});
