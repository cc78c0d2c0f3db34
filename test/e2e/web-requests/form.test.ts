import type { TestBot } from '../../support/bot.js';
import { CHANNEL, eventually } from '../requests/world.js';
import {
  configure,
  exchange,
  FORM_PATH,
  referenceOf,
  stored,
  submit,
  tokenOf,
  webWorld,
} from './world.js';

const CAROL = {
  name: 'Carol <Customer>',
  email: 'carol@customer.test',
  subject: 'Invoice *missing*',
  message: 'Where is my invoice? <@U0AGENT> <!channel>',
};

describe('a customer opens a request with the public support form', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await webWorld({ env: { WEB_FORM_RATE_LIMIT: '1000' } });
  });
  afterAll(() => t.stop());

  it('serves no form until a redirection channel is set, then an escaped page with a strict CSP', async () => {
    expect((await exchange(t, 'GET', FORM_PATH)).status).toBe(404);
    const before = await stored(t);
    const refused = await submit(t, CAROL, { token: 'a'.repeat(32) });
    expect(refused.page.status).toBe(404);
    expect(await stored(t)).toEqual(before);

    // A channel the bot does not know as a customer channel takes no web requests either.
    await configure(t, { web_request_redirection_channel: 'C0UNKNOWN' });
    expect((await exchange(t, 'GET', FORM_PATH)).status).toBe(404);

    await configure(t, { web_request_redirection_channel: CHANNEL });
    const page = await exchange(t, 'GET', FORM_PATH);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    );
    expect(page.headers['set-cookie']).toBeUndefined();
    for (const field of ['name', 'email', 'subject', 'message', 'website', 'token']) {
      expect(page.html).toContain(`name="${field}"`);
    }
    expect(page.html).not.toMatch(/<script|https?:\/\//);
    expect((await exchange(t, 'GET', '/support/T0OTHER')).status).toBe(404);
  });

  it('posts the request in the channel as the bot and opens it for an e-mail contact, source web', async () => {
    const { page } = await submit(t, CAROL);
    expect(page.status).toBe(200);
    const reference = referenceOf(page);
    const post = t.sim.messages(CHANNEL).at(-1);
    expect(post?.text).toBe(
      '🌐 Web request from Carol &lt;Customer&gt; &lt;carol@customer.test&gt;\n' +
        '*Invoice *missing**\n' +
        'Where is my invoice? &lt;@U0AGENT&gt; &lt;!channel&gt;',
    );
    expect(post?.bot_id).toBe(t.sim.botId);
    const request = await eventually(() =>
      t.db.collection('requests').findOne({ channelId: CHANNEL, rootTs: post?.ts }),
    );
    expect(String(request._id)).toBe(reference);
    expect(request).toMatchObject({
      requesterId: 'email:carol@customer.test',
      source: 'web',
      status: 'open',
    });
    const contact = await t.db.collection('contacts').findOne({ email: 'carol@customer.test' });
    expect(contact).toMatchObject({ name: 'Carol <Customer>' });
    const desk = await t.api('GET', `/api/v1/conversations/${reference}`);
    expect(desk.body).toMatchObject({ id: reference, source: 'web', channel_id: CHANNEL });
    const day = (request.createdAt as Date).toISOString().slice(0, 10);
    const report = await t.api('GET', `/api/v1/reports/summary?since=${day}&until=${day}`);
    expect((report.body as { conversations_count: number }).conversations_count).toBe(1);
    // Nothing goes by e-mail while web_request_email_communication is off.
    expect(await t.db.collection('email_threads').countDocuments({})).toBe(0);
    expect(await t.db.collection('email_outbox').countDocuments({})).toBe(0);
  });

  it('names each refused field on the page again, keeps the values (escaped) and stores nothing', async () => {
    const before = await stored(t);
    const { page } = await submit(t, {
      name: '<b>Dan</b>',
      email: 'not-an-address',
      subject: '',
      message: 'Help',
    });
    expect(page.status).toBe(422);
    expect(page.html).toContain('Please enter a valid e-mail address');
    expect(page.html).toContain('Please enter a subject');
    expect(page.html).not.toContain('Please enter your name');
    expect(page.html).toContain('value="&lt;b&gt;Dan&lt;/b&gt;"');
    expect(page.html).toContain('value="not-an-address"');
    expect(page.html).toMatch(/>\s*Help<\/textarea>/);
    expect(page.html).not.toContain('<b>Dan</b>');
    expect(await stored(t)).toEqual(before);
  });

  it('answers a filled honeypot with a normal thank-you page and stores nothing', async () => {
    const before = await stored(t);
    const { page } = await submit(t, { ...CAROL, email: 'bot@spam.test', website: 'http://x' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Thank you!');
    expect(referenceOf(page)).toMatch(/^[0-9a-f]{24}$/);
    expect(await stored(t)).toEqual(before);
  });

  it('opens one request for a double submit of the same form, one after the other or at once', async () => {
    const fields = { ...CAROL, email: 'erin@customer.test', subject: 'Twice' };
    const token = tokenOf(await exchange(t, 'GET', FORM_PATH));
    const first = await submit(t, fields, { token });
    const again = await submit(t, fields, { token });
    expect(referenceOf(again.page)).toBe(referenceOf(first.page));

    const fields2 = { ...CAROL, email: 'finn@customer.test', subject: 'At once' };
    const token2 = tokenOf(await exchange(t, 'GET', FORM_PATH));
    const both = await Promise.all([
      submit(t, fields2, { token: token2 }),
      submit(t, fields2, { token: token2 }),
    ]);
    expect(both.map((b) => b.page.status)).toEqual([200, 200]);
    expect(referenceOf(both[1].page)).toBe(referenceOf(both[0].page));
    for (const email of ['erin@customer.test', 'finn@customer.test']) {
      const requests = await t.db
        .collection('requests')
        .countDocuments({ requesterId: `email:${email}` });
      expect(requests).toBe(1);
    }
    const posts = t.sim.messages(CHANNEL).filter((m) => /\*(Twice|At once)\*/.test(m.text));
    expect(posts).toHaveLength(2);
  });

  it('answers a malformed body 400 and an oversized one 413, storing nothing', async () => {
    const before = await stored(t);
    const noToken = new URLSearchParams({ ...CAROL }).toString();
    expect((await exchange(t, 'POST', FORM_PATH, { body: noToken })).status).toBe(400);
    const token = tokenOf(await exchange(t, 'GET', FORM_PATH));
    const json = JSON.stringify({ token, ...CAROL });
    const asJson = await exchange(t, 'POST', FORM_PATH, { body: json, type: 'application/json' });
    expect(asJson.status).toBe(400);
    const twice = `token=${token}&name=a&name=b&email=a%40b.test&subject=s&message=m`;
    expect((await exchange(t, 'POST', FORM_PATH, { body: twice })).status).toBe(400);
    const huge = new URLSearchParams({ token, ...CAROL, message: 'x'.repeat(100_000) });
    const big = await exchange(t, 'POST', FORM_PATH, { body: huge.toString() });
    expect(big.status).toBe(413);
    expect(big.html).not.toMatch(/stack|Error:/);
    expect(await stored(t)).toEqual(before);
  });

  it("serves the form at / and /support on the workspace's host_domain, and nowhere else", async () => {
    expect((await exchange(t, 'GET', '/', { host: 'help.acme.test' })).status).toBe(404);
    await configure(t, { host_domain: 'help.acme.test' });
    const home = await exchange(t, 'GET', '/', { host: 'Help.Acme.test:443' });
    expect(home.status).toBe(200);
    expect(home.html).toContain('name="token"');
    expect((await exchange(t, 'GET', '/support', { host: 'help.acme.test' })).status).toBe(200);
    expect((await exchange(t, 'GET', '/support', { host: 'other.test' })).status).toBe(404);

    const fields = { ...CAROL, email: 'gus@customer.test', subject: 'By host' };
    const { page } = await submit(t, fields, { path: '/support', host: 'help.acme.test' });
    expect(page.status).toBe(200);
    const request = await t.db
      .collection('requests')
      .findOne({ requesterId: 'email:gus@customer.test' });
    expect(String(request?._id)).toBe(referenceOf(page));
  });
});
