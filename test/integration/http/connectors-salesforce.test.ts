import { randomBytes } from 'node:crypto';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { SalesforceSimulator } from '../../support/salesforce/simulator.js';

const PATH = '/api/v1/connectors';
const KEY = randomBytes(32).toString('base64');
const stored = (t: TestBot) => t.db.collection('connectors').find({}).toArray();

/** `/api/v1/connectors` with `type: "salesforce"`: the CRM's login and Case fields checked first. */
describe('/api/v1/connectors for Salesforce', () => {
  let t: TestBot;
  let salesforce: SalesforceSimulator;
  let valid: Record<string, unknown>;
  beforeAll(async () => {
    salesforce = await SalesforceSimulator.start();
    t = await startTestBot({
      env: { SETTINGS_ENCRYPTION_KEY: KEY, WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    valid = {
      type: 'salesforce',
      base_url: salesforce.url,
      credentials: { client_id: salesforce.clientId, client_secret: salesforce.clientSecret },
    };
  });
  afterAll(async () => {
    await t.stop();
    await salesforce.stop();
  });
  beforeEach(() => t.db.collection('connectors').deleteMany({}));

  it('creates a connector once Salesforce grants a token and has the External ID field, never showing the secret', async () => {
    const res = await t.api('POST', PATH, valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'salesforce',
      base_url: salesforce.url,
      credentials: { set: true, webhook_secret_set: false },
      account_id: t.teamId,
    });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({ type: 'salesforce', vendorUserId: salesforce.userId });
    expect(doc?.fields).toEqual(expect.arrayContaining(['Subject', 'Triage_Request_Id__c']));
    expect(JSON.stringify(doc)).not.toContain(salesforce.clientSecret);
    expect((await t.api('GET', PATH)).text).not.toContain(salesforce.clientSecret);
    expect(salesforce.calls.map((c) => [c.method, c.path.split('?')[0], c.status])).toContainEqual([
      'GET',
      '/services/data/v62.0/sobjects/Case/describe',
      200,
    ]);
  });

  it('takes the username-password flow too', async () => {
    const res = await t.api('POST', PATH, {
      ...valid,
      credentials: {
        client_id: salesforce.clientId,
        client_secret: salesforce.clientSecret,
        username: 'triage@acme.example',
        password: 'pw-and-security-token',
      },
    });
    expect(res.status).toBe(201);
  });

  it.each([
    [{ credentials: { client_id: 'sf-consumer-key', client_secret: 'wrong' } }, 'credentials'],
    [
      {
        credentials: {
          client_id: 'sf-consumer-key',
          client_secret: 'sf-consumer-secret',
          username: 'triage@acme.example',
          password: 'wrong',
        },
      },
      'credentials',
    ],
    [{ credentials: { email: 'a@acme.example', api_token: 't' } }, 'credentials'],
    [{ credentials: { client_id: 'k', client_secret: 's', username: 'u' } }, 'credentials'],
    [{ options: { external_id_field: 'Missing__c' } }, 'options'],
    [{ options: { external_id_field: 'Subject' } }, 'options'],
  ])('refuses %j with 422 naming %s, storing nothing', async (change, field) => {
    const res = await t.api('POST', PATH, { ...valid, ...change });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc.slice(0, 2)).toEqual(['body', field]);
    expect(await stored(t)).toEqual([]);
  });

  it('says Salesforce refused the credentials in words', async () => {
    const res = await t.api('POST', PATH, {
      ...valid,
      credentials: { client_id: salesforce.clientId, client_secret: 'wrong' },
    });
    expect(res.body.detail).toEqual([
      {
        loc: ['body', 'credentials'],
        msg: expect.stringContaining('Salesforce answered 400: it refused these credentials'),
        type: 'vendor_unauthorized',
      },
    ]);
  });

  it('refuses helpdesk credentials on a Salesforce connector’s update (422), keeping the old', async () => {
    const { id } = (await t.api('POST', PATH, valid)).body;
    const before = await stored(t);
    const res = await t.api('PATCH', `${PATH}/${id}`, {
      credentials: { email: 'a@acme.example', api_token: 't' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'credentials']);
    expect(await stored(t)).toEqual(before);
  });

  it('lets crm.field_mappings name only Case fields Salesforce has (else 422, nothing stored)', async () => {
    expect((await t.api('POST', PATH, valid)).status).toBe(201);
    const write = (mappings: Record<string, string>) =>
      t.api('PATCH', '/api/v1/workspace/settings', {
        update: { crm: { field_mappings: mappings } },
      });
    const mappings = async () =>
      (await t.api('GET', '/api/v1/workspace/settings')).body.data.features.crm.field_mappings;
    const refused = await write({ Subject: 'text', Nope__c: 'severity' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      {
        loc: ['body', 'update', 'crm.field_mappings'],
        msg: expect.stringContaining('Nope__c'),
        type: 'value_error.unknown_crm_field',
      },
    ]);
    expect(await mappings()).toEqual({});
    expect((await write({ Product__c: 'category' })).status).toBe(200);
    expect(await mappings()).toEqual({ Product__c: 'category' });
    expect((await write({})).status).toBe(200);
  });

  it('answers 401 without a token and 403 to an agent’s token, storing nothing', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
    expect((await t.api('POST', PATH, valid, null)).status).toBe(401);
    expect((await t.api('POST', PATH, valid, agent)).status).toBe(403);
    expect(await stored(t)).toEqual([]);
  });

  it('publishes both credential shapes in the OpenAPI document', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json', undefined, null)).body;
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['SalesforceCredentials', 'ApiTokenCredentials']),
    );
    expect(doc.components.schemas.ConnectorOptions.properties).toHaveProperty('external_id_field');
  });
});
