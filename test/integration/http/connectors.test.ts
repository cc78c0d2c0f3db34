import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { ZendeskSimulator } from '../../support/zendesk/simulator.js';

const PATH = '/api/v1/connectors';
const KEY = randomBytes(32).toString('base64');
const stored = (t: TestBot) => t.db.collection('connectors').find({}).toArray();

/** Helpdesk connectors: an administrator's token manages them; credentials are write-only. */
describe('/api/v1/connectors', () => {
  let t: TestBot;
  let zendesk: ZendeskSimulator;
  let valid: Record<string, unknown>;
  beforeAll(async () => {
    zendesk = await ZendeskSimulator.start();
    t = await startTestBot({
      env: { SETTINGS_ENCRYPTION_KEY: KEY, WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    valid = {
      type: 'zendesk',
      base_url: `${zendesk.url}/`,
      credentials: { email: zendesk.email, api_token: zendesk.token, webhook_secret: 'whs-1' },
    };
  });
  afterAll(async () => {
    await t.stop();
    await zendesk.stop();
  });
  beforeEach(() => t.db.collection('connectors').deleteMany({}));

  it('creates a connector after checking its credentials, and never shows them', async () => {
    const res = await t.api('POST', PATH, valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      type: 'zendesk',
      base_url: zendesk.url,
      credentials: { set: true, webhook_secret_set: true },
      options: { agent_replies_public: false, issue_type: 'Task' },
      webhook_path: `/webhooks/zendesk/${res.body.id}`,
      account_id: t.teamId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(zendesk.calls).toContainEqual({
      method: 'GET',
      path: '/api/v2/users/me.json',
      status: 200,
    });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({
      teamId: t.teamId,
      baseUrl: zendesk.url,
      credentials: { enc: expect.stringMatching(/^v1:/) },
      vendorUserId: String(zendesk.botUser.id),
    });
    for (const secret of [zendesk.token, 'whs-1']) {
      expect(JSON.stringify(doc)).not.toContain(secret);
      expect((await t.api('GET', PATH)).text).not.toContain(secret);
    }
    expect((await t.api('GET', PATH)).body).toEqual([res.body]);
    expect((await t.api('GET', `${PATH}/${res.body.id}`)).body).toEqual(res.body);
  });

  it('says clearly when Zendesk refuses the credentials (401), storing nothing', async () => {
    const res = await t.api('POST', PATH, {
      ...valid,
      credentials: { email: zendesk.email, api_token: 'wrong' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      {
        loc: ['body', 'credentials'],
        msg: expect.stringMatching(/Zendesk answered 401: it refused these credentials/),
        type: 'vendor_unauthorized',
      },
    ]);
    expect(await stored(t)).toEqual([]);
  });

  it('changes options without asking Zendesk, checks new credentials, and deletes', async () => {
    const { id } = (await t.api('POST', PATH, valid)).body;
    const checks = () => zendesk.calls.filter((c) => c.path === '/api/v2/users/me.json').length;
    const before = checks();
    const res = await t.api('PATCH', `${PATH}/${id}`, { options: { agent_replies_public: true } });
    expect(res.status).toBe(200);
    expect(res.body.options).toEqual({ agent_replies_public: true, issue_type: 'Task' });
    expect(checks()).toBe(before);
    expect((await stored(t))[0]).toMatchObject({ options: { agent_replies_public: true } });

    const sealed = (await stored(t))[0]?.credentials;
    const refused = await t.api('PUT', `${PATH}/${id}`, {
      credentials: { email: zendesk.email, api_token: 'wrong' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0].loc).toEqual(['body', 'credentials']);
    expect((await stored(t))[0]?.credentials).toEqual(sealed);

    const put = await t.api('PUT', `${PATH}/${id}`, {
      credentials: { email: zendesk.email, api_token: zendesk.token },
    });
    expect(put.status).toBe(200);
    expect(put.body.credentials).toEqual({ set: true, webhook_secret_set: false });
    expect(checks()).toBe(before + 2);

    expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(204);
    expect(await stored(t)).toEqual([]);
    expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(404);
  });

  it.each([
    [{ type: 'freshdesk' }, 'type'],
    [{ base_url: 'ftp://acme' }, 'base_url'],
    [{ credentials: { email: 'x@acme.example' } }, 'credentials'],
    [{ credentials: { email: 'nope', api_token: 't' } }, 'credentials'],
    [{ options: { agent_replies_public: 'yes' } }, 'options'],
    [{ base_url: 'http://127.0.0.1:9' }, 'base_url'],
  ])('refuses %j with 422 naming %s, storing nothing', async (change, field) => {
    const res = await t.api('POST', PATH, { ...valid, ...change });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc.slice(0, 2)).toEqual(['body', field]);
    expect(await stored(t)).toEqual([]);
  });

  it('refuses an update with nothing to change (422)', async () => {
    const { id } = (await t.api('POST', PATH, valid)).body;
    expect((await t.api('PATCH', `${PATH}/${id}`, {})).status).toBe(422);
    expect((await t.api('PATCH', `${PATH}/${id}`, { type: 'zendesk' })).status).toBe(422);
  });

  it('answers 404 for an unknown, malformed or another workspace’s connector', async () => {
    const other = await t.db.collection('connectors').insertOne({
      teamId: 'T0OTHER',
      type: 'zendesk',
      baseUrl: zendesk.url,
      credentials: { enc: 'v1:a:b:c' },
      options: { agent_replies_public: false, issue_type: 'Task' },
    });
    for (const id of [String(new Types.ObjectId()), 'nope', String(other.insertedId)]) {
      expect((await t.api('GET', `${PATH}/${id}`)).status).toBe(404);
      expect((await t.api('PATCH', `${PATH}/${id}`, { options: {} })).status).toBe(404);
      expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(404);
    }
    expect((await t.api('GET', PATH)).body).toEqual([]);
    expect(await t.db.collection('connectors').countDocuments({ teamId: 'T0OTHER' })).toBe(1);
  });

  it('lets tickets.config.helpdeskIds name only the workspace’s connectors (else 422, nothing stored)', async () => {
    const { id } = (await t.api('POST', PATH, valid)).body;
    const write = (ids: string[]) =>
      t.api('PATCH', '/api/v1/workspace/settings', {
        update: { tickets: { config: { helpdeskIds: ids } } },
      });
    const helpdesks = async () =>
      (await t.api('GET', '/api/v1/workspace/settings')).body.data.features.tickets.config
        .helpdeskIds;
    const refused = await write([id, 'zd-nope']);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      {
        loc: ['body', 'update', 'tickets.config.helpdeskIds'],
        msg: expect.stringContaining('zd-nope'),
        type: 'value_error.unknown_connector',
      },
    ]);
    expect(await helpdesks()).toEqual([]);
    expect((await write([id])).status).toBe(200);
    expect(await helpdesks()).toEqual([id]);
    expect((await write([])).status).toBe(200);
  });

  it('answers 401 without a token and 403 to an agent’s token, storing nothing', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', PATH],
      ['GET', `${PATH}/x`],
      ['DELETE', `${PATH}/x`],
    ] as const) {
      const payload = method === 'POST' ? valid : undefined;
      expect((await t.api(method, path, payload, null)).status).toBe(401);
      const forbidden = await t.api(method, path, payload, agent);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toBe('forbidden');
    }
    expect(await stored(t)).toEqual([]);
  });
});
