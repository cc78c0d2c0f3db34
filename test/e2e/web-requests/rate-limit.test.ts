import { HOUSEKEEPING } from '../../../jobs/housekeeping.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { CHANNEL } from '../requests/world.js';
import { configure, exchange, FORM_PATH, stored, submit, webWorld } from './world.js';

const fields = (n: number) => ({
  name: 'Ken',
  email: `ken${n}@customer.test`,
  subject: `Question ${n}`,
  message: 'Hello',
});

/** Rate windows are fixed windows of the bot's clock: a still clock keeps every post in one. */
const clockAt = () => new VirtualClock('2026-03-02T10:00:00Z');

describe('the support form under a flood of posts from one address', () => {
  let t: TestBot;
  let second: TestBot;

  beforeAll(async () => {
    const clock = clockAt();
    t = await webWorld({ env: { WEB_FORM_RATE_LIMIT: '2' }, clock });
    // A second instance of the bot on the same database and Slack.
    second = await startTestBot({
      env: { WEB_FORM_RATE_LIMIT: '2' },
      clock,
      sim: t.sim,
      database: t.database,
    });
    await configure(t, { web_request_redirection_channel: CHANNEL });
  });
  afterAll(async () => {
    await second.stop();
    await t.stop();
  });

  it('answers 429 past WEB_FORM_RATE_LIMIT posts across instances and stores nothing more; the form is still served', async () => {
    expect((await submit(t, fields(1))).page.status).toBe(200);
    expect((await submit(second, fields(2))).page.status).toBe(200);
    const before = await stored(t);
    expect(before.requests).toBe(2);

    for (const bot of [t, second]) {
      const { page } = await submit(bot, fields(3));
      expect(page.status).toBe(429);
      expect(page.html).toContain('Too many requests');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['ratelimit-policy']).toBeDefined();
    }
    expect(await stored(t)).toEqual(before);
    expect((await exchange(t, 'GET', FORM_PATH)).status).toBe(200);
    // Without TRUST_PROXY a client's own X-Forwarded-For changes nothing.
    const spoofed = await submit(t, fields(4), { forwardedFor: '203.0.113.9' });
    expect(spoofed.page.status).toBe(429);
    expect(await stored(t)).toEqual(before);
  });
});

describe('the support form behind a proxy (TRUST_PROXY)', () => {
  let t: TestBot;
  const clock = clockAt();

  beforeAll(async () => {
    t = await webWorld({
      env: { WEB_FORM_RATE_LIMIT: '1', TRUST_PROXY: 'loopback' },
      clock,
    });
    await configure(t, { web_request_redirection_channel: CHANNEL });
  });
  afterAll(() => t.stop());

  it('limits each client named by X-Forwarded-For, not the proxy', async () => {
    const from = (ip: string, n: number) => submit(t, fields(n), { forwardedFor: ip });
    expect((await from('203.0.113.7', 1)).page.status).toBe(200);
    expect((await from('198.51.100.4', 2)).page.status).toBe(200);
    expect((await from('203.0.113.7', 3)).page.status).toBe(429);
    expect((await stored(t)).requests).toBe(2);
    const ids = await t.db
      .collection('counters')
      .find({ _id: { $regex: '^rate:' } } as never)
      .toArray();
    expect(ids.map((c) => [String(c._id).split(':web-form:')[1], c.seq]).sort()).toEqual([
      ['198.51.100.4', 1],
      ['203.0.113.7', 2],
    ]);
  });

  it('housekeeping deletes the counts of windows begun over a day ago', async () => {
    const counts = () =>
      t.db
        .collection('counters')
        .find({ _id: { $regex: '^rate:' } } as never)
        .toArray();
    const window = `rate:${Date.parse('2026-03-02T10:00:00Z')}:web-form:`;
    expect((await counts()).map((c) => String(c._id).startsWith(window))).toEqual([true, true]);
    clock.advanceMinutes(23 * 60);
    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    expect(await t.runDue()).toBeGreaterThanOrEqual(1);
    expect(await counts()).toHaveLength(2); // their window began 23 hours ago: kept
    clock.advanceMinutes(2 * 60);
    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    expect(await t.runDue()).toBeGreaterThanOrEqual(1);
    expect(await counts()).toEqual([]);
  });
});
