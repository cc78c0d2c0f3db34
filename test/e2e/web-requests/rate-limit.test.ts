import type { TestBot } from '../../support/bot.js';
import { CHANNEL } from '../requests/world.js';
import { configure, exchange, FORM_PATH, stored, submit, webWorld } from './world.js';

const fields = (n: number) => ({
  name: 'Ken',
  email: `ken${n}@customer.test`,
  subject: `Question ${n}`,
  message: 'Hello',
});

describe('the support form under a flood of posts from one address', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await webWorld({ env: { WEB_FORM_RATE_LIMIT: '2' } });
    await configure(t, { web_request_redirection_channel: CHANNEL });
  });
  afterAll(() => t.stop());

  it('answers 429 past WEB_FORM_RATE_LIMIT posts and stores nothing more; the form is still served', async () => {
    expect((await submit(t, fields(1))).page.status).toBe(200);
    expect((await submit(t, fields(2))).page.status).toBe(200);
    const before = await stored(t);
    expect(before.requests).toBe(2);

    const { page } = await submit(t, fields(3));
    expect(page.status).toBe(429);
    expect(page.html).toContain('Too many requests');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['ratelimit-policy']).toBeDefined();
    expect(await stored(t)).toEqual(before);
    expect((await exchange(t, 'GET', FORM_PATH)).status).toBe(200);
  });
});
