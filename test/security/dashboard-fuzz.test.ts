import fc from 'fast-check';
import { BSON } from 'mongodb';
import type { TestBot } from '../support/bot.js';
import {
  dashboardClient,
  linkToken,
  postSignIn,
  type DashboardClient,
} from '../support/dashboard.js';
import { triage } from '../e2e/commands/support.js';
import { CHANNEL, customerWorld, newRequest } from '../e2e/requests/world.js';
import { badUpdate, hugeString, injectionKey, malformedJson, notAnObject } from './arbitraries.js';

const ADMIN = 'U0ADMIN';
const RUNS = 25;

describe('the dashboard under malformed and hostile input (property-based)', () => {
  let t: TestBot;
  let admin: DashboardClient;
  /** The documents a refused request must leave as they were. */
  const state = async () =>
    BSON.EJSON.stringify({
      workspaces: await t.db.collection('workspaces').find({}).toArray(),
      sessions: await t.db.collection('dashboard_sessions').find({}).toArray(),
      links: await t.db.collection('dashboard_links').find({}).toArray(),
      requests: await t.db.collection('requests').find({}).toArray(),
    });
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.stringMatching(/^[\w-]{43}$/),
    injectionKey,
    hugeString,
  );

  beforeAll(async () => {
    t = await customerWorld();
    t.sim.addUser({ id: ADMIN, name: 'ada', is_admin: true });
    t.sim.joinChannel(CHANNEL, ADMIN);
    await newRequest(t, 'U0ERIN', 'Invoices are missing for March');
    admin = await dashboardClient(
      t.bot.url,
      linkToken((await triage(t, ADMIN, CHANNEL, 'dashboard')).text),
    );
  });
  afterAll(() => t.stop());

  it('signs nobody in with a made-up link token', async () => {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(text, async (token) => {
        const res = await postSignIn(t.bot.url, token);
        expect([token.slice(0, 80), res.status]).toEqual([
          token.slice(0, 80),
          res.status === 413 ? 413 : 401,
        ]);
        expect(res.headers.get('set-cookie')).toBeNull();
      }),
      { numRuns: RUNS },
    );
    expect(await state()).toBe(before);
  });

  it('answers 401 to any made-up session cookie, even one that does not decode', async () => {
    const broken = await fetch(`${t.bot.url}/app/api/settings`, {
      headers: { cookie: 'triage_session=%E0%A4%A' },
    });
    expect(broken.status).toBe(401);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[\w%=-]{1,300}$/), async (value) => {
        const res = await fetch(`${t.bot.url}/app/api/settings`, {
          headers: { cookie: `triage_session=${value}` },
        });
        expect(res.status).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers 404 (never 5xx) for any request id, and 200 or 422 for any overview window', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A lone surrogate cannot be put in a URL (encodeURIComponent throws): it reaches no API.
        text
          .map((id) => id.replace(/[\ud800-\udfff]/gu, '\ufffd'))
          .filter((id) => id !== '' && id !== '.' && id !== '..'),
        async (id) => {
          const res = await admin.get(`/app/api/conversations/${encodeURIComponent(id)}`);
          // 431: an address longer than Node's header limit never reaches the bot.
          expect([404, 431]).toContain(res.status);
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(text, text, async (since, until) => {
        const query = new URLSearchParams({ since, until });
        const res = await admin.get(`/app/api/overview?${query}`);
        expect([422, 431].includes(res.status) || res.status === 200).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every malformed or invalid settings write from an admin, writing nothing', async () => {
    const before = await state();
    const bodies = fc.oneof(badUpdate, malformedJson, notAnObject, fc.constant('{}'));
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await fetch(`${t.bot.url}/app/api/settings`, {
          method: 'POST',
          headers: {
            cookie: admin.cookie,
            'content-type': 'application/json',
            'x-csrf-token': admin.csrf,
          },
          body,
        });
        expect([body.slice(0, 200), res.status >= 400 && res.status < 500]).toEqual([
          body.slice(0, 200),
          true,
        ]);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await state()).toBe(before);
  });
});
