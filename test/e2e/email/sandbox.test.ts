import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { AGENT, CHANNEL, TRIAGE, eventually } from '../requests/world.js';
import { EMAIL_SETTINGS, SUPPORT, emailWorld, mailer } from './world.js';

/**
 * `emailToSlack.domains[].type: sandbox`: as a Mailgun sandbox domain sends only to authorized
 * recipients, a sandbox domain's replies go only to the workspace's own people (an address
 * `users.lookupByEmail` finds); anyone else's is held, shown on the card, never sent.
 */
describe('replies from a sandbox domain', () => {
  let t: TestBot;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const clock = new VirtualClock('2026-03-02T10:00:00Z');
    t = await emailWorld({ SMTP_RELAY_URL: sink.url, EMAIL_POLL_MS: '20' }, { clock });
    const domains = EMAIL_SETTINGS.emailToSlack.domains.map((domain) =>
      domain.name === 'acme.test' ? { ...domain, type: 'sandbox' } : domain,
    );
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { emailToSlack: { domains } },
    });
    expect(res.status).toBe(200);
    // A colleague in the workspace, whose address Slack knows.
    t.sim.addUser({ id: 'U0MIA', name: 'mia', profile: { email: 'Mia@Staff.test' } });
  });
  afterAll(async () => {
    await t.stop();
    await sink.close();
  });

  /** Mail from `from` opens a request; an agent answers it; the reply's outbox entry, settled. */
  async function answered(from: { name: string; address: string }, subject: string) {
    await mailer(t).sendMail({ from, to: SUPPORT, subject, text: 'Help' });
    const post = t.sim.messages(CHANNEL).find((m) => m.text.includes(subject));
    const request = await eventually(async () => {
      const found = await t.db.collection('requests').findOne({ rootTs: post?.ts });
      return found?.triage?.ts ? found : undefined;
    });
    await t.driver.agentSays(CHANNEL, AGENT, `About ${subject}: done`, {
      thread_ts: request.rootTs,
    });
    const entry = await eventually(async () => {
      const found = await t.db.collection('email_outbox').findOne({ requestId: request._id });
      return found && found.status !== 'pending' ? found : undefined;
    });
    return { request, entry };
  }

  it('holds a reply to a customer, and says why on the card', async () => {
    const before = sink.received.length;
    const { request, entry } = await answered(
      { name: 'Carol', address: 'carol@customer.test' },
      'Invoice',
    );
    const why =
      "acme.test is a sandbox domain: it mails only this workspace's members, and carol@customer.test is not one";
    expect(entry).toMatchObject({ status: 'failed', lastError: why, attempts: 1 });
    const card = await t.sim.waitFor(() => {
      const blocks = JSON.stringify(t.sim.message(TRIAGE, request.triage.ts)?.blocks);
      return blocks.includes('not sent') ? blocks : undefined;
    });
    expect(card).toContain(`1 not sent: ${why}`);
    expect(sink.received.length).toBe(before);
  });

  it('mails a member of the workspace', async () => {
    const { entry } = await answered({ name: 'Mia', address: 'mia@staff.test' }, 'Trial run');
    expect(entry).toMatchObject({ status: 'sent', lastError: null });
    const mail = await sink.waitFor(() => sink.received.at(-1));
    expect(mail.to).toMatchObject({ value: [{ address: 'mia@staff.test' }] });
    expect(mail.text?.trim()).toBe('About Trial run: done');
  });
});
