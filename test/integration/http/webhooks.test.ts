import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/webhooks';
const KEY = randomBytes(32).toString('base64');
const URL = 'http://127.0.0.1:9/hooks';
const stored = (t: TestBot) => t.db.collection('webhooks').find({}).toArray();

/** Seed 003's webhooks: an administrator's token manages them; every answer read back. */
describe('/api/v1/webhooks', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      env: { SETTINGS_ENCRYPTION_KEY: KEY, WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
  });
  afterAll(() => t.stop());
  beforeEach(() => t.db.collection('webhooks').deleteMany({}));

  it('creates a webhook, shows its secret once and stores it sealed', async () => {
    const res = await t.api('POST', PATH, {
      url: URL,
      subscriptions: ['conversation_created', 'conversation_status_changed'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      url: URL,
      subscriptions: ['conversation_created', 'conversation_status_changed'],
      account_id: t.teamId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
    });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({ teamId: t.teamId, url: URL, secret: { enc: expect.any(String) } });
    expect(JSON.stringify(doc)).not.toContain(res.body.secret);

    const list = await t.api('GET', PATH);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ ...res.body, secret: undefined }].map(withoutSecret));
    const one = await t.api('GET', `${PATH}/${res.body.id}`);
    expect(one.body).toEqual(withoutSecret(res.body));
  });

  it('changes the url or the subscriptions, and deletes', async () => {
    const { id } = (
      await t.api('POST', PATH, { url: URL, subscriptions: ['conversation_created'] })
    ).body;
    const res = await t.api('PATCH', `${PATH}/${id}`, { subscriptions: ['conversation_updated'] });
    expect(res.status).toBe(200);
    expect(res.body.subscriptions).toEqual(['conversation_updated']);
    expect((await stored(t))[0]).toMatchObject({ subscriptions: ['conversation_updated'] });
    const put = await t.api('PUT', `${PATH}/${id}`, { url: 'http://127.0.0.1:10/other' });
    expect(put.body.url).toBe('http://127.0.0.1:10/other');
    expect((await stored(t))[0]).toMatchObject({ url: 'http://127.0.0.1:10/other' });

    expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(204);
    expect(await stored(t)).toEqual([]);
    expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(404);
  });

  it.each([
    [{ url: 'ftp://example.com/x', subscriptions: ['conversation_created'] }, 'url', /http/],
    [{ url: URL, subscriptions: [] }, 'subscriptions', /at least one/],
    [{ url: URL, subscriptions: ['conversation_typing_off'] }, 'subscriptions', /typing_off/],
    [
      { url: URL, subscriptions: ['nope', 'webwidget_triggered'] },
      'subscriptions',
      /nope, webwidget/,
    ],
    [{ url: URL }, 'subscriptions', /.+/],
  ])('refuses %j with 422 naming %s, storing nothing', async (body, field, msg) => {
    const res = await t.api('POST', PATH, body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({ loc: ['body', field], msg: expect.stringMatching(msg) }),
    ]);
    expect(await stored(t)).toEqual([]);
  });

  it('refuses an update with nothing to change or an unknown event (422), leaving it as it was', async () => {
    const { id } = (
      await t.api('POST', PATH, { url: URL, subscriptions: ['conversation_created'] })
    ).body;
    expect((await t.api('PATCH', `${PATH}/${id}`, {})).status).toBe(422);
    const res = await t.api('PATCH', `${PATH}/${id}`, { subscriptions: ['contact_created'] });
    expect(res.status).toBe(422);
    expect(res.text).toContain('contact_created');
    expect((await stored(t))[0]).toMatchObject({ subscriptions: ['conversation_created'] });
  });

  it('answers 404 for an unknown, malformed or another workspace’s webhook', async () => {
    const other = await t.db.collection('webhooks').insertOne({
      teamId: 'T0OTHER',
      url: URL,
      subscriptions: ['conversation_created'],
      secret: { enc: 'v1:a:b:c' },
    });
    for (const id of [String(new Types.ObjectId()), 'nope', String(other.insertedId)]) {
      expect((await t.api('GET', `${PATH}/${id}`)).status).toBe(404);
      expect((await t.api('PATCH', `${PATH}/${id}`, { url: URL })).status).toBe(404);
      expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(404);
      expect((await t.api('GET', `${PATH}/${id}/deliveries`)).status).toBe(404);
      const redeliver = `${PATH}/${id}/deliveries/${String(new Types.ObjectId())}/redeliver`;
      expect((await t.api('POST', redeliver, {})).status).toBe(404);
    }
    expect(await t.db.collection('webhooks').countDocuments({ teamId: 'T0OTHER' })).toBe(1);
  });

  it('answers 404 for a delivery the webhook does not have, and 422 for a redeliver body', async () => {
    const { id } = (
      await t.api('POST', PATH, { url: URL, subscriptions: ['conversation_created'] })
    ).body;
    expect((await t.api('GET', `${PATH}/${id}/deliveries`)).body).toEqual([]);
    const missing = await t.api('POST', `${PATH}/${id}/deliveries/nope/redeliver`, {});
    expect(missing.status).toBe(404);
    const body = await t.api('POST', `${PATH}/${id}/deliveries/nope/redeliver`, { now: true });
    expect(body.status).toBe(422);
  });

  it('answers 401 without a token and 403 to an agent’s token, storing nothing', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
    const body = { url: URL, subscriptions: ['conversation_created'] };
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', PATH],
      ['GET', `${PATH}/x/deliveries`],
    ] as const) {
      const payload = method === 'POST' ? body : undefined;
      expect((await t.api(method, path, payload, null)).status).toBe(401);
      const forbidden = await t.api(method, path, payload, agent);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toBe('forbidden');
    }
    expect(await stored(t)).toEqual([]);
  });
});

describe('/api/v1/webhooks without WEBHOOK_ALLOW_PRIVATE or SETTINGS_ENCRYPTION_KEY', () => {
  let t: TestBot;
  afterEach(() => t.stop());

  it('refuses a url that resolves to a loopback, private or link-local address', async () => {
    t = await startTestBot({ env: { SETTINGS_ENCRYPTION_KEY: KEY } });
    for (const url of [
      'http://localhost:8080/x',
      'http://127.0.0.1/x',
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://[fe80::1]/x',
    ]) {
      const res = await t.api('POST', PATH, { url, subscriptions: ['conversation_created'] });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({
        loc: ['body', 'url'],
        msg: expect.stringMatching(/private, loopback or link-local/),
      });
    }
    expect(await stored(t)).toEqual([]);
  });

  it('refuses to create a webhook whose secret it could not store', async () => {
    t = await startTestBot({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const res = await t.api('POST', PATH, { url: URL, subscriptions: ['conversation_created'] });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].msg).toContain('SETTINGS_ENCRYPTION_KEY');
    expect(await stored(t)).toEqual([]);
  });
});

function withoutSecret(webhook: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(webhook).filter(([key]) => key !== 'secret'));
}
