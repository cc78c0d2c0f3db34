import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { CHANNEL, TRIAGE, botPosts, click, eventually } from '../requests/world.js';
import { SUPPORT, emailWorld, mailer } from './world.js';

const LINK = /http:\/\/bot\.test(\/csat\/([0-9a-f]{32})\/(up|down|[1-5]))/g;

describe('CSAT by e-mail: a customer who wrote by e-mail rates by a link in a mail', () => {
  let t: TestBot;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const clock = new VirtualClock('2026-03-02T10:00:00Z');
    t = await emailWorld(
      { SMTP_RELAY_URL: sink.url, EMAIL_POLL_MS: '20', PUBLIC_URL: 'http://bot.test' },
      { clock },
    );
    await configure({});
  });
  afterAll(async () => {
    await t.stop();
    await sink.close();
  });

  async function configure(config: Record<string, unknown>) {
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: {
        requests: {
          config: {
            send_feedback: true,
            feedback_message: 'How did we do?',
            request_for_text_feedback: true,
            send_request_feedback_received_message: true,
            ...config,
          },
        },
      },
    });
    expect(res.status).toBe(200);
  }

  /** `address` writes and an agent closes the request: the CSAT mail she gets, and the request. */
  async function writeAndClose(address: string, subject: string) {
    const info = await mailer(t).sendMail({ from: address, to: SUPPORT, subject, text: 'Help' });
    const post = t.sim.messages(CHANNEL).find((m) => m.text.includes(subject));
    const rootTs = post?.ts as string;
    await eventually(async () => (await request(rootTs))?.triage?.ts);
    const before = sink.received.length;
    await click(t, rootTs, ACTIONS.close);
    const mail = await sink.waitFor(() => sink.received.length > before && sink.received.at(-1));
    const links = [...String(mail.text).matchAll(LINK)].map((m) => m[1] as string);
    return { mail, links, rootTs, messageId: info.messageId as string };
  }
  const request = (rootTs: string) => t.db.collection('requests').findOne({ rootTs });
  const open = (path: string, init?: RequestInit) => fetch(`${t.bot.url}${path}`, init);
  const comment = (path: string, text: string) =>
    open(path.replace(/\/[^/]+$/, '/comment'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ comment: text }).toString(),
    });

  it('mails the question with 👍/👎 links threaded under her mail, and posts no prompt in Slack', async () => {
    const { mail, links, rootTs, messageId } = await writeAndClose('carol@customer.test', 'Login');
    expect(mail.from?.value).toEqual([{ name: 'Acme support', address: SUPPORT }]);
    expect(mail.to).toMatchObject({ value: [{ address: 'carol@customer.test' }] });
    expect([mail.subject, mail.inReplyTo]).toEqual(['Re: Login', messageId]);
    expect(String(mail.text)).toMatch(/^How did we do\?\n/);
    expect(links).toEqual([expect.stringMatching(/\/up$/), expect.stringMatching(/\/down$/)]);
    expect(String(mail.html)).toContain(`href="http://bot.test${links[0]}"`);
    expect(String(mail.html)).not.toContain('<img');
    const thread = t.sim.thread(CHANNEL, rootTs);
    expect(JSON.stringify(thread)).not.toContain(ACTIONS.feedbackRating);
    const stored = await t.db.collection('email_threads').findOne({ rootTs });
    expect(stored?.messageIds).toContain(mail.messageId);
    // Not an agent's reply: the card's e-mail line counts none.
    const card = t.sim.message(TRIAGE, (await request(rootTs))?.triage.ts);
    expect(JSON.stringify(card?.blocks)).not.toContain('E-mail replies');
  });

  it('records a link as her rating, as a Slack click would: thanks page, team told, reports count it; a second link changes it', async () => {
    const { links, rootTs } = await writeAndClose('dan@customer.test', 'Export');
    const up = await open(links[0] as string);
    expect(up.status).toBe(200);
    expect(up.headers.get('content-type')).toMatch(/^text\/html/);
    expect(up.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(up.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await up.text();
    expect(page).toContain('Thanks for your feedback!');
    expect(page).toContain('Your rating: 👍');
    expect(page).toContain(
      `<form method="post" action="http://bot.test${links[0]?.replace(/up$/, 'comment')}"`,
    );
    expect((await request(rootTs))?.feedback).toMatchObject({ rating: 5, scale: '2_POINTS' });
    await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).some((m) =>
        /Feedback on .* from dan@customer\.test .*: 👍$/.test(m.text),
      ),
    );
    const summary = await t.api('GET', '/api/v1/reports/summary?since=2026-03-02&until=2026-03-02');
    expect(summary.body).toMatchObject({ csat: { responses: 1, average: 5 } });

    expect((await open(links[1] as string)).status).toBe(200);
    const rated = await request(rootTs);
    expect(rated?.feedback).toMatchObject({ rating: 1, scale: '2_POINTS' });
    const history = (rated?.history as { type: string }[]).filter((h) => h.type === 'feedback');
    expect(history).toMatchObject([
      { from: null, to: '5', by: 'email:dan@customer.test' },
      { from: '5', to: '1', by: 'email:dan@customer.test' },
    ]);
    await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).some((m) => /👎 \(changed from 👍\)$/.test(m.text)),
    );
    // The same link again changes nothing (as the same Slack click again does).
    expect((await open(links[1] as string)).status).toBe(200);
    expect((await request(rootTs))?.history).toHaveLength(rated?.history.length);
  });

  it('takes a comment from the form (escaped in the page), and refuses an empty one with nothing written', async () => {
    const { links, rootTs } = await writeAndClose('erin@customer.test', 'Billing');
    await open(links[0] as string);
    const empty = await comment(links[0] as string, '   ');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Please write a comment');
    expect((await request(rootTs))?.feedback?.text).toBeNull();

    const res = await comment(links[0] as string, 'Fast <script>alert(1)</script>');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Your comment was received.');
    expect(page).toContain('Fast &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect((await request(rootTs))?.feedback).toMatchObject({
      rating: 5,
      text: 'Fast <script>alert(1)</script>',
    });
  });

  it('answers a 404 page to unknown, malformed and expired links and to a choice not offered, writing nothing', async () => {
    const { links, rootTs } = await writeAndClose('fay@customer.test', 'Expired');
    const token = links[0]?.split('/')[2] as string;
    const before = await request(rootTs);
    const refused = [
      `/csat/${'0'.repeat(32)}/up`,
      `/csat/not-a-token/up`,
      `/csat/${token}/5`, // a 5-point choice on a 👍/👎 mail
      `/csat/${token}/sideways`,
    ];
    for (const path of refused) {
      const res = await open(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).toContain('This link is not valid');
    }
    expect((await comment(`/csat/${'0'.repeat(32)}/up`, 'hi')).status).toBe(404);
    // The state an expired link is in: its date passed.
    await t.db
      .collection('email_outbox')
      .updateOne({ pixelId: token }, { $set: { 'csat.expiresAt': new Date('2026-03-01') } });
    expect((await open(links[0] as string)).status).toBe(404);
    expect((await comment(links[0] as string, 'late')).status).toBe(404);
    const after = await request(rootTs);
    expect([after?.feedback, after?.history]).toEqual([before?.feedback, before?.history]);
  });

  it('offers 1–5 links on the 5-point scale and no comment form without text feedback', async () => {
    await configure({ feedback_rating: '5_POINTS', request_for_text_feedback: false });
    const { links, rootTs } = await writeAndClose('gus@customer.test', 'Scale');
    expect(links.map((l) => l.split('/').at(-1))).toEqual(['1', '2', '3', '4', '5']);
    const res = await open(links[3] as string);
    const page = await res.text();
    expect(page).toContain('Your rating: 4/5');
    expect(page).not.toContain('<form');
    expect((await request(rootTs))?.feedback).toMatchObject({ rating: 4, scale: '5_POINTS' });
    expect((await comment(links[3] as string, 'more')).status).toBe(404);
  });
});
