import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

describe('accounts API', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({ id: 'C0INITECH', name: 'ext-initech', is_ext_shared: true });
    // Slack answers channel_not_found for a private channel the bot is not in.
    t.sim.addChannel({
      id: 'G0PRIVATE',
      name: 'initech-private',
      is_private: true,
      members: [t.sim.botUserId],
    });
  });
  afterAll(() => t.stop());

  it('creates an account and links its channels with their Slack names', async () => {
    const res = await t.api('POST', '/api/v1/accounts', {
      name: 'Initech',
      channels: ['C0INITECH', 'G0PRIVATE'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Initech',
      channels: ['C0INITECH', 'G0PRIVATE'],
      internal_channel_id: null,
    });
    const stored = await t.db.collection('channels').find({}).sort({ channelId: 1 }).toArray();
    expect(
      stored.map((c) => [c.channelId, c.name, c.isPrivate, c.isExtShared, String(c.accountId)]),
    ).toEqual([
      ['C0INITECH', 'ext-initech', false, true, res.body.id],
      ['G0PRIVATE', 'initech-private', true, false, res.body.id],
    ]);
    expect(t.sim.calls('conversations.info')).toHaveLength(2);

    const list = await t.api('GET', '/api/v1/accounts');
    expect(list.body.map((a: { name: string }) => a.name)).toEqual(['Initech']);
    const one = await t.api('GET', `/api/v1/accounts/${res.body.id}`);
    expect(one.body.channels).toEqual(['C0INITECH', 'G0PRIVATE']);
  });

  it.each([
    [
      'a channel Slack does not have',
      { name: 'Umbrella', channels: ['C0MISSING'] },
      ['body', 'channels', 0],
      'channel_not_found',
    ],
    [
      'a channel that already belongs to an account',
      { name: 'Umbrella', channels: ['C0INITECH'] },
      ['body', 'channels', 0],
      'duplicate',
    ],
    ['a duplicate name', { name: 'Initech' }, ['body', 'name'], 'duplicate'],
    ['a missing name', { channels: [] }, ['body', 'name'], 'invalid_type'],
    [
      'a malformed channel id',
      { name: 'Umbrella', channels: ['general'] },
      ['body', 'channels', 0],
      'invalid_format',
    ],
  ])('refuses %s with a 422 and creates nothing', async (_name, body, loc, type) => {
    const before = await t.db.collection('accounts').countDocuments();
    const channelsBefore = await t.db.collection('channels').find().toArray();
    const res = await t.api('POST', '/api/v1/accounts', body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(
      expect.arrayContaining([expect.objectContaining({ loc, type })]),
    );
    expect(await t.db.collection('accounts').countDocuments()).toBe(before);
    expect(await t.db.collection('channels').find().toArray()).toEqual(channelsBefore);
  });

  describe('PATCH /accounts/{id} (linking to Salesforce)', () => {
    let id: string;
    const crmOf = async () => (await t.db.collection('accounts').findOne({ name: 'Hooli' }))?.crm;
    beforeAll(async () => {
      id = (await t.api('POST', '/api/v1/accounts', { name: 'Hooli' })).body.id;
    });

    it('shows every account unlinked until linked', async () => {
      const one = await t.api('GET', `/api/v1/accounts/${id}`);
      expect(one.body.crm).toBeNull();
      expect(await crmOf()).toBeNull();
    });

    it('needs a token (401) and an administrator’s (403), and writes nothing', async () => {
      const body = { crm: { salesforce_account_id: '001xx000003DGb2AAG' } };
      const hubspot = { crm: { hubspot_company_name: 'Hooli' } };
      expect((await t.api('PATCH', `/api/v1/accounts/${id}`, hubspot, null)).status).toBe(401);
      const none = await t.api('PATCH', `/api/v1/accounts/${id}`, body, null);
      expect([none.status, none.body.error]).toEqual([401, 'unauthorized']);
      const bad = await t.api('PATCH', `/api/v1/accounts/${id}`, body, 'not-a-token');
      expect(bad.status).toBe(401);
      const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
      const refused = await t.api('PATCH', `/api/v1/accounts/${id}`, body, agent);
      expect([refused.status, refused.body.error]).toEqual([403, 'forbidden']);
      expect(await crmOf()).toBeNull();
    });

    it('answers 404 for an account that does not exist', async () => {
      const body = { crm: null };
      const res = await t.api('PATCH', '/api/v1/accounts/65a000000000000000000000', body);
      expect([res.status, res.body.error]).toEqual([404, 'not_found']);
      const hubspot = { crm: { hubspot_company_id: '9001' } };
      const linking = await t.api('PATCH', '/api/v1/accounts/65a000000000000000000000', hubspot);
      expect(linking.status).toBe(404);
      const garbled = await t.api('PATCH', '/api/v1/accounts/nope', body);
      expect(garbled.status).toBe(404);
    });

    it.each([
      [
        'no Salesforce connector in the workspace',
        { crm: { salesforce_account_name: 'Hooli' } },
        ['body', 'crm', 'salesforce_account_name'],
        'value_error.no_crm_connector',
      ],
      [
        'a malformed Salesforce Id',
        { crm: { salesforce_account_id: 'hooli' } },
        ['body', 'crm', 'salesforce_account_id'],
        'invalid_format',
      ],
      [
        'both Id and name',
        { crm: { salesforce_account_id: '001xx000003DGb2AAG', salesforce_account_name: 'Hooli' } },
        ['body', 'crm'],
        'invalid_union',
      ],
      [
        'no HubSpot connector in the workspace',
        { crm: { hubspot_company_name: 'Hooli' } },
        ['body', 'crm', 'hubspot_company_name'],
        'value_error.no_crm_connector',
      ],
      [
        'a malformed HubSpot company id',
        { crm: { hubspot_company_id: 'hooli' } },
        ['body', 'crm', 'hubspot_company_id'],
        'invalid_format',
      ],
      [
        'a Salesforce and a HubSpot link at once',
        { crm: { salesforce_account_name: 'Hooli', hubspot_company_name: 'Hooli' } },
        ['body', 'crm'],
        'invalid_union',
      ],
      ['a missing crm', {}, ['body', 'crm'], 'invalid_union'],
      ['an unknown field', { crm: null, name: 'Renamed' }, ['body'], 'unrecognized_keys'],
    ])(
      'refuses %s with a 422 naming the field, and writes nothing',
      async (_n, body, loc, type) => {
        const res = await t.api('PATCH', `/api/v1/accounts/${id}`, body);
        expect(res.status).toBe(422);
        expect(res.body.detail).toEqual(
          expect.arrayContaining([expect.objectContaining({ loc, type })]),
        );
        expect(await crmOf()).toBeNull();
        expect((await t.db.collection('accounts').findOne({ name: 'Hooli' }))?.name).toBe('Hooli');
      },
    );
  });
});
