import { ADMIN_ONLY, LINK_REFUSALS, NO_DASHBOARD } from '../../../src/dashboard/sign-in.js';
import type { TestBot } from '../../support/bot.js';
import {
  dashboardClient,
  linkToken,
  postSignIn,
  type DashboardClient,
} from '../../support/dashboard.js';
import { triage } from '../../e2e/commands/support.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  customerWorld,
  newRequest,
  requestOf,
} from '../../e2e/requests/world.js';

const ADMIN = 'U0ADMIN';
const PUBLIC_URL = 'https://triage.example.com';

describe('the dashboard over HTTP: sign-in, session, and its JSON API', () => {
  let t: TestBot;
  let admin: DashboardClient;
  let agent: DashboardClient;
  let requestId: string;

  const link = async (user: string) => (await triage(t, user, CHANNEL, 'dashboard')).text;
  const stored = async () => ({
    workspace: await t.db.collection('workspaces').findOne({ _id: t.teamId as never }),
    sessions: await t.db.collection('dashboard_sessions').countDocuments(),
  });

  beforeAll(async () => {
    t = await customerWorld(undefined, { env: { PUBLIC_URL } });
    t.sim.addUser({ id: ADMIN, name: 'ada', is_admin: true });
    t.sim.joinChannel(CHANNEL, ADMIN);
    const message = await newRequest(t, 'U0ERIN', 'Invoices are missing for March');
    requestId = String((await requestOf(t, message.ts))?._id);
    admin = await dashboardClient(t.bot.url, linkToken(await link(ADMIN)));
    agent = await dashboardClient(t.bot.url, linkToken(await link(AGENT)));
  });
  afterAll(() => t.stop());

  it('answers /triage dashboard with a link at PUBLIC_URL, stored only as a hash', async () => {
    const reply = await link(AGENT);
    const token = linkToken(reply);
    expect(reply).toContain(`${PUBLIC_URL}/app/login?token=${token}`);
    expect(reply).toContain('works once, for 10 minutes');
    const found = await t.db.collection('dashboard_links').find({ userId: AGENT }).toArray();
    expect(found.map((l) => l.role)).toEqual(['agent', 'agent']);
    expect(JSON.stringify(found)).not.toContain(token);
  });

  it('gives a customer of another organisation no link', async () => {
    const before = await t.db.collection('dashboard_links').countDocuments();
    expect((await link(CUSTOMER)).replace(/\n.*/s, '')).toBe(NO_DASHBOARD);
    expect(await t.db.collection('dashboard_links').countDocuments()).toBe(before);
  });

  it('sets a Secure, HttpOnly, SameSite=Lax cookie behind an https PUBLIC_URL, and leaves the token out of the redirect', async () => {
    expect(admin.setCookie).toMatch(
      /^triage_session=[\w-]+; Max-Age=43200; Path=\/app; Expires=.+; HttpOnly; Secure; SameSite=Lax$/,
    );
    const res = await postSignIn(t.bot.url, linkToken(await link(ADMIN)));
    expect([res.status, res.headers.get('location')]).toEqual([303, '/app']);
  });

  it('does not use a link up when it is only opened (a link preview), only when its button is pressed', async () => {
    const token = linkToken(await link(ADMIN));
    const opened = await fetch(`${t.bot.url}/app/login?token=${token}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await opened.text()).toContain('Sign in to Triage');
    expect((await postSignIn(t.bot.url, token)).status).toBe(303);
  });

  it('signs in once when the same link is pressed twice at the same moment', async () => {
    const token = linkToken(await link(AGENT));
    const before = (await stored()).sessions;
    const answers = await Promise.all([postSignIn(t.bot.url, token), postSignIn(t.bot.url, token)]);
    expect(answers.map((res) => res.status).sort()).toEqual([303, 410]);
    expect((await stored()).sessions).toBe(before + 1);
  });

  it('refuses an unknown link with 401 and a sentence, opening no session', async () => {
    const before = await stored();
    const res = await postSignIn(t.bot.url, 'not-a-real-token');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(LINK_REFUSALS.unknown.say);
    expect(await stored()).toEqual(before);
  });

  it('answers 401 to pages and data without a session, or with an unknown one', async () => {
    for (const cookie of [undefined, 'triage_session=forged']) {
      const headers: Record<string, string> = cookie ? { cookie } : {};
      const page = await fetch(`${t.bot.url}/app/requests`, { headers });
      expect([cookie, page.status]).toEqual([cookie, 401]);
      expect(await page.text()).toContain('Run /triage dashboard in Slack for a sign-in link.');
      const data = await fetch(`${t.bot.url}/app/api/overview`, { headers });
      expect([cookie, data.status, (await data.json()).error]).toEqual([
        cookie,
        401,
        'unauthorized',
      ]);
    }
  });

  it('answers 422 naming the field for a bad window or filter', async () => {
    const cases: [string, unknown[]][] = [
      ['/app/api/overview?since=yesterday', ['query', 'since']],
      ['/app/api/overview?since=2026-11-20&until=2026-11-01', ['query', 'since']],
      ['/app/api/overview?since=2026-01-01&until=2026-11-01', ['query', 'since']],
      ['/app/api/overview?days=3', ['query']],
      ['/app/api/conversations?status=sleeping', ['query', 'status']],
      ['/app/api/conversations?channel_id=nope', ['query', 'channel_id']],
    ];
    for (const [path, loc] of cases) {
      const res = await admin.get(path);
      expect([path, res.status, res.body.detail[0].loc]).toEqual([path, 422, loc]);
    }
  });

  it('answers 404 for an unknown request or data path', async () => {
    const res = await admin.get('/app/api/conversations/0123456789abcdef01234567');
    expect([res.status, res.body.error]).toEqual([404, 'not_found']);
    const unknown = await admin.get('/app/api/reports');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'not_found']);
    expect((await admin.get(`/app/api/conversations/${requestId}`)).body.history[0]).toMatchObject({
      type: 'status',
      to: 'open',
    });
  });

  it('refuses a write without the session’s CSRF token (403), and an agent’s write (403), writing nothing', async () => {
    const before = await stored();
    const body = { update: { requests: { config: { send_feedback: true } } } };
    const forged = await admin.post('/app/api/settings', body, {});
    expect([forged.status, forged.body.error]).toEqual([403, 'forbidden']);
    const wrong = await admin.post('/app/api/settings', body, { 'x-csrf-token': agent.csrf });
    expect(wrong.status).toBe(403);
    const refused = await agent.post('/app/api/settings', body);
    expect([refused.status, refused.body.message]).toEqual([403, ADMIN_ONLY]);
    expect(await stored()).toEqual(before);
  });

  it('validates an admin’s write as the API does (422 naming the key), then applies a good one', async () => {
    const before = await stored();
    const bad = await admin.post('/app/api/settings', { update: { requests: { nope: 1 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'update', 'requests', 'nope']);
    expect(await stored()).toEqual(before);
    const good = await admin.post('/app/api/settings', {
      update: { requests: { config: { send_feedback: true } } },
      lock: ['requests.config.send_feedback'],
    });
    expect(good.status).toBe(200);
    expect(good.body.provenance['requests.config.send_feedback']).toMatchObject({
      value: true,
      locked: true,
    });
    const workspace = (await stored()).workspace;
    expect(workspace?.settings.overrides).toEqual([
      { key: 'requests.config.send_feedback', value: true },
    ]);
    expect(workspace?.settings.locks).toEqual(['requests.config.send_feedback']);
  });

  it('shows and writes one channel’s settings at channel level, through the channel write’s validation', async () => {
    const view = await admin.get(`/app/api/settings?channel_id=${CHANNEL}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ level: 'channel', channel_id: CHANNEL, locks: [] });
    expect(view.body.channels).toContainEqual({ id: CHANNEL, name: 'ext-acme', kind: 'customer' });
    // The workspace's write above shows through, locked there.
    expect(view.body.provenance['requests.config.send_feedback']).toMatchObject({
      value: true,
      setAt: { level: 'workspace' },
      locked: true,
    });
    const before = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    const locked = await admin.post(`/app/api/settings?channel_id=${CHANNEL}`, {
      update: { requests: { config: { send_feedback: false } } },
    });
    expect([locked.status, locked.body.error]).toEqual([403, 'setting_locked']);
    const lock = await admin.post(`/app/api/settings?channel_id=${CHANNEL}`, {
      lock: ['requests.config.welcome_message'],
    });
    expect(lock.status).toBe(422);
    expect(await t.db.collection('channels').findOne({ channelId: CHANNEL })).toEqual(before);
    const good = await admin.post(`/app/api/settings?channel_id=${CHANNEL}`, {
      update: { requests: { config: { auto_close_duration_in_minutes: 2880 } } },
    });
    expect(good.status).toBe(200);
    const key = 'requests.config.auto_close_duration_in_minutes';
    expect(good.body.provenance[key]).toMatchObject({ value: 2880, setAt: { level: 'channel' } });
    const after = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    expect(after?.settings.overrides).toContainEqual({ key, value: 2880 });
    const agentWrite = await agent.post(`/app/api/settings?channel_id=${CHANNEL}`, {
      reset: [key],
    });
    expect(agentWrite.status).toBe(403);
    expect((await admin.get('/app/api/settings?channel_id=C0UNKNOWN')).status).toBe(404);
    expect((await admin.get('/app/api/settings?channel_id=nope')).body.detail[0].loc).toEqual([
      'query',
      'channel_id',
    ]);
  });

  it('signs out: the session is gone and its cookie opens nothing', async () => {
    const session = await dashboardClient(t.bot.url, linkToken(await link(ADMIN)));
    const before = (await stored()).sessions;
    const res = await fetch(`${t.bot.url}/app/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrf }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(
      /^triage_session=; Path=\/app; Expires=Thu, 01 Jan 1970/,
    );
    expect((await stored()).sessions).toBe(before - 1);
    expect((await session.get('/app/api/settings')).status).toBe(401);
  });
});
