import { randomBytes } from 'node:crypto';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { HubspotSimulator } from '../../support/hubspot/simulator.js';

const PATH = '/api/v1/connectors';
const KEY = randomBytes(32).toString('base64');
const stored = (t: TestBot) => t.db.collection('connectors').find({}).toArray();

/** `/api/v1/connectors` with `type: "hubspot"`: the private app's token and the id property checked first. */
describe('/api/v1/connectors for HubSpot', () => {
  let t: TestBot;
  let hubspot: HubspotSimulator;
  let valid: Record<string, unknown>;
  beforeAll(async () => {
    hubspot = await HubspotSimulator.start();
    t = await startTestBot({
      env: { SETTINGS_ENCRYPTION_KEY: KEY, WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    valid = {
      type: 'hubspot',
      base_url: hubspot.url,
      credentials: { access_token: hubspot.token, client_secret: 'app-secret' },
    };
  });
  afterAll(async () => {
    await t.stop();
    await hubspot.stop();
  });
  beforeEach(async () => {
    await t.db.collection('connectors').deleteMany({});
    hubspot.calls.length = 0;
    hubspot.faults.length = 0;
  });

  it('creates a connector once HubSpot accepts the token and has the unique id property, never showing the token', async () => {
    const res = await t.api('POST', PATH, valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'hubspot',
      base_url: hubspot.url,
      credentials: { set: true, webhook_secret_set: true },
      account_id: t.teamId,
    });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({ type: 'hubspot', vendorUserId: String(hubspot.portalId) });
    expect(doc?.fields).toEqual(expect.arrayContaining(['subject', 'triage_request_id']));
    expect(doc?.fields).not.toContain('hs_lastmodifieddate');
    expect(doc?.readableFields).toContain('hs_lastmodifieddate');
    expect(JSON.stringify(doc)).not.toContain(hubspot.token);
    expect((await t.api('GET', PATH)).text).not.toContain(hubspot.token);
    expect(hubspot.calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['GET', '/account-info/v3/details', 200],
      ['GET', '/crm/v3/properties/tickets', 200],
    ]);
  });

  it.each([
    ['a token HubSpot refuses (401)', { access_token: 'pat-na1-revoked' }, null],
    ['a token without the scopes (403)', null, 403],
  ])(
    'refuses %s with a 422 naming credentials, storing nothing',
    async (_n, credentials, status) => {
      if (status) hubspot.faults.push({ method: 'GET', path: /account-info/, status });
      const res = await t.api('POST', PATH, { ...valid, ...(credentials ? { credentials } : {}) });
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        expect.objectContaining({
          loc: ['body', 'credentials'],
          msg: `HubSpot answered ${status ?? 401}: it refused these credentials (check the private app’s access token and its scopes)`,
        }),
      ]);
      expect(await stored(t)).toEqual([]);
    },
  );

  it.each([
    [
      'a property tickets do not have',
      'crm_request_ref',
      "HubSpot's tickets have no property crm_request_ref",
    ],
    [
      'a property without unique values',
      'product_area',
      "HubSpot's tickets have no unique-value property product_area",
    ],
  ])('refuses options.id_property naming %s, storing nothing', async (_n, name, msg) => {
    const res = await t.api('POST', PATH, { ...valid, options: { id_property: name } });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'options', 'id_property'],
        msg: expect.stringContaining(msg),
      }),
    ]);
    expect(await stored(t)).toEqual([]);
  });

  it('refuses Salesforce-shaped credentials for a hubspot connector', async () => {
    const res = await t.api('POST', PATH, {
      ...valid,
      credentials: { client_id: 'k', client_secret: 's' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({
      loc: ['body', 'credentials'],
      msg: 'a hubspot connector logs in with a private app’s access_token',
    });
  });

  it('checks a new token on PATCH (401 → 422, the old one kept); 404 for another id', async () => {
    const id = (await t.api('POST', PATH, valid)).body.id as string;
    const before = await stored(t);
    const res = await t.api('PATCH', `${PATH}/${id}`, { credentials: { access_token: 'pat-old' } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'credentials'] });
    expect(await stored(t)).toEqual(before);
    const patched = await t.api('PATCH', `${PATH}/${id}`, { options: { pipeline: '12345' } });
    expect(patched.status).toBe(200);
    expect((await stored(t))[0]?.options).toMatchObject({ pipeline: '12345' });
    const missing = await t.api('PATCH', `${PATH}/0123456789abcdef01234567`, {
      options: { pipeline: '1' },
    });
    expect(missing.status).toBe(404);
  });

  it('answers 401 without a token and 403 to an agent’s token, storing nothing', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
    expect((await t.api('POST', PATH, valid, null)).status).toBe(401);
    expect((await t.api('POST', PATH, valid, agent)).status).toBe(403);
    expect(await stored(t)).toEqual([]);
  });
});
