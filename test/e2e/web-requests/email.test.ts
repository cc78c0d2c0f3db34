import type { TestBot } from '../../support/bot.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { AGENT, CHANNEL, eventually } from '../requests/world.js';
import { mailer } from '../email/world.js';
import { configure, referenceOf, submit, SUPPORT, webWorld } from './world.js';

const form = (email: string, subject: string) => ({
  name: 'Hana Customer',
  email,
  subject,
  message: 'The export button does nothing.\nCan you help?',
});

describe('a web request answered by e-mail (web_request_email_communication)', () => {
  let t: TestBot;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await webWorld({
      env: {
        SMTP_RELAY_URL: sink.url,
        SMTP_PORT: '0',
        EMAIL_POLL_MS: '20',
        PUBLIC_URL: 'http://bot.test',
        WEB_FORM_RATE_LIMIT: '1000',
      },
    });
    await configure(t, { web_request_redirection_channel: CHANNEL });
  });
  afterAll(async () => {
    await t.stop();
    await sink.close();
  });

  /** Submits the form and answers the request it opened, its triage card posted. */
  async function opened(email: string, subject: string) {
    const { page } = await submit(t, form(email, subject));
    expect(page.status).toBe(200);
    const id = referenceOf(page);
    return eventually(async () => {
      const found = await t.db.collection('requests').findOne({ requesterId: `email:${email}` });
      return found?.triage?.ts && String(found._id) === id ? found : undefined;
    });
  }
  /** An agent answers in the request's thread; resolves once the reply is stored. */
  async function agentReplies(request: { _id: unknown; rootTs?: unknown }, text: string) {
    await t.driver.agentSays(CHANNEL, AGENT, text, { thread_ts: String(request.rootTs) });
    return eventually(() =>
      t.db.collection('messages').findOne({ requestId: request._id, kind: 'outgoing' }),
    );
  }

  it('mails nothing while it is off, neither an acknowledgement nor the replies', async () => {
    const request = await opened('ivan@customer.test', 'Quiet');
    await agentReplies(request, 'On it');
    expect(await t.db.collection('email_threads').countDocuments({})).toBe(0);
    expect(await t.db.collection('email_outbox').countDocuments({})).toBe(0);
    expect(sink.received).toHaveLength(0);
  });

  it('acknowledges the request by e-mail from the mapped address, and mails agents’ replies in the same thread', async () => {
    await configure(t, { web_request_email_communication: true });
    const request = await opened('hana@customer.test', 'Export broken');
    const ack = await sink.waitFor(() => sink.received.at(0));
    expect(ack.from?.value).toEqual([{ name: 'Acme support', address: SUPPORT }]);
    expect(ack.to).toMatchObject({ value: [{ address: 'hana@customer.test' }] });
    expect(ack.subject).toBe('Re: Export broken');
    expect(ack.text?.trim()).toBe(
      [
        'Hi Hana Customer,',
        '',
        `We received your request "Export broken" (reference ${String(request._id)}).`,
        'Our team will answer you by e-mail; you can reply to this message to add anything.',
        '',
        '> The export button does nothing.',
        '> Can you help?',
      ].join('\n'),
    );
    const thread = await t.db.collection('email_threads').findOne({ _id: request._id });
    expect(thread).toMatchObject({ mailbox: SUPPORT, contactEmail: 'hana@customer.test' });
    expect(ack.replyTo?.value[0]?.address).toBe(`support+${thread?.token}@acme.test`);

    await agentReplies(request, 'Fixed, please try again');
    const reply = await sink.waitFor(() => sink.received.at(1));
    expect(reply.to).toMatchObject({ value: [{ address: 'hana@customer.test' }] });
    expect(reply.from?.value[0]?.address).toBe(SUPPORT);
    expect(reply.subject).toBe('Re: Export broken');
    expect(reply.inReplyTo).toBe(ack.messageId);
    expect(reply.text?.trim()).toBe('Fixed, please try again');
    expect(sink.received).toHaveLength(2);

    // Her answer by e-mail joins the same request's thread in Slack.
    await mailer(t, { plain: true }).sendMail({
      from: { name: 'Hana Customer', address: 'hana@customer.test' },
      to: `support+${thread?.token}@acme.test`,
      subject: reply.subject,
      inReplyTo: reply.messageId,
      references: [ack.messageId as string, reply.messageId as string],
      text: 'Works now, thanks',
    });
    const answers = t.sim.thread(CHANNEL, request.rootTs).map((m) => m.text);
    expect(answers.at(-1)).toContain('Works now, thanks');
    const requests = await t.db
      .collection('requests')
      .countDocuments({ requesterId: 'email:hana@customer.test' });
    expect(requests).toBe(1);
  });
});
