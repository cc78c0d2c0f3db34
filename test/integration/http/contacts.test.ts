import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, CUSTOMER, customerWorld, eventually } from '../../e2e/requests/world.js';

const PATH = '/api/v1/contacts';
const DEFINITIONS = '/api/v1/custom_attribute_definitions';

interface ContactBody {
  id: string;
  name: string | null;
  email: string | null;
  identifier: string | null;
  custom_attributes: Record<string, string | number>;
}

describe('contacts API (seed 003’s contacts)', () => {
  let t: TestBot;
  let agent: string;
  let carol: string;
  const stored = () => t.db.collection('contacts').find({}).sort({ _id: 1 }).toArray();
  const ids = (res: { body: { payload: ContactBody[] } }) => res.body.payload.map((c) => c.id);

  beforeAll(async () => {
    t = await customerWorld();
    agent = await createApiToken(t.bot.deps.models, t.teamId, AGENT, { role: 'agent' });
    const definitions = [
      {
        attribute_display_name: 'Tier',
        attribute_display_type: 'list',
        attribute_values: ['Gold', 'Silver'],
        attribute_model: 'contact_attribute',
      },
      { attribute_display_name: 'Seats', attribute_display_type: 'number', attribute_model: 1 },
      // A request's field of the same workspace: never a contact's.
      { attribute_display_name: 'Region', attribute_display_type: 'text' },
    ];
    for (const definition of definitions)
      expect((await t.api('POST', DEFINITIONS, definition)).status).toBe(201);
    await t.driver.customerSays(CHANNEL, CUSTOMER, 'Our invoices are missing');
    const recorded = await eventually(() =>
      t.db.collection('contacts').findOne({ userId: CUSTOMER }),
    );
    carol = String(recorded._id);
  });
  afterAll(() => t.stop());

  it('creates an e-mail contact and reads it back, with an agent’s token', async () => {
    const as = (method: string, path: string, body?: unknown) => t.api(method, path, body, agent);
    const created = await as('POST', PATH, { name: 'Erin Example', email: 'erin@example.com' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      payload: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: 'Erin Example',
        email: 'erin@example.com',
        identifier: null,
        thumbnail: null,
        additional_attributes: { account_id: null, account_name: null, slack_user_id: null },
        custom_attributes: {},
        last_activity_at: null,
        created_at: expect.any(Number),
      },
    });
    const id = created.body.payload.id;
    expect((await as('GET', `${PATH}/${id}`)).body).toEqual(created.body);
    const doc = await t.db.collection('contacts').findOne({ email: 'erin@example.com' });
    expect(doc).toMatchObject({
      teamId: t.teamId,
      identity: 'email:erin@example.com',
      userId: null,
      name: 'Erin Example',
    });
  });

  it('reads the customer recorded from Slack with their account', async () => {
    const res = await t.api('GET', `${PATH}/${carol}`);
    expect(res.status).toBe(200);
    expect(res.body.payload).toMatchObject({
      id: carol,
      name: 'carol',
      identifier: CUSTOMER,
      additional_attributes: { account_name: 'Acme', slack_user_id: CUSTOMER },
      last_activity_at: expect.any(Number),
    });
    const account = await t.db.collection('accounts').findOne({ name: 'Acme' });
    expect(res.body.payload.additional_attributes.account_id).toBe(String(account?._id));
    const conversations = await t.api('GET', `${PATH}/${carol}/conversations`);
    const request = await t.db.collection('requests').findOne({ requesterId: CUSTOMER });
    expect(conversations.body.meta).toEqual({ count: 1, current_page: 1 });
    expect(conversations.body.payload.map((c: { id: string }) => c.id)).toEqual([
      String(request?._id),
    ]);
  });

  it('lists a page sorted as asked and searches name, address and Slack id in any case', async () => {
    const zed = await t.api('POST', PATH, { name: 'Zed Zulu', email: 'zed@zulu.example' });
    expect(zed.status).toBe(201);
    const byName = await t.api('GET', `${PATH}?sort=name`);
    expect(byName.status).toBe(200);
    expect(byName.body.payload.map((c: ContactBody) => c.name)).toEqual([
      'Erin Example',
      'Zed Zulu',
      'carol', // byte order, as the database sorts
    ]);
    expect(byName.body.meta).toEqual({ count: 3, current_page: 1 });
    const reversed = await t.api('GET', `${PATH}?sort=-name`);
    expect(ids(reversed)).toEqual([...ids(byName)].reverse());
    const recent = await t.api('GET', `${PATH}?sort=-last_activity_at`);
    expect(ids(recent)[0]).toBe(carol); // the only one who wrote
    const beyond = await t.api('GET', `${PATH}?page=2`);
    expect(beyond.body).toEqual({ meta: { count: 3, current_page: 2 }, payload: [] });
    for (const [q, names] of [
      ['ZULU', ['Zed Zulu']],
      ['erin@', ['Erin Example']],
      [CUSTOMER.toLowerCase(), ['carol']],
      ['.*', []], // text, not a pattern
    ] as const) {
      const found = await t.api('GET', `${PATH}/search?q=${encodeURIComponent(q)}`);
      expect([q, found.status, found.body.payload.map((c: ContactBody) => c.name)]).toEqual([
        q,
        200,
        names,
      ]);
    }
  });

  it('changes name and address and merges custom attributes by key; null removes one', async () => {
    const first = await t.api('PUT', `${PATH}/${carol}`, {
      name: 'Carol C.',
      email: 'carol@acme.example',
      custom_attributes: { tier: 'gold', seats: '12' },
    });
    expect(first.status).toBe(200);
    expect(first.body.payload).toMatchObject({
      name: 'Carol C.',
      email: 'carol@acme.example',
      custom_attributes: { tier: 'Gold', seats: 12 },
    });
    const second = await t.api('PATCH', `${PATH}/${carol}`, {
      custom_attributes: { seats: null },
    });
    expect(second.body.payload.custom_attributes).toEqual({ tier: 'Gold' });
    const doc = await t.db.collection('contacts').findOne({ userId: CUSTOMER });
    expect(doc).toMatchObject({
      name: 'Carol C.',
      email: 'carol@acme.example',
      customAttributes: [{ key: 'tier', value: 'Gold' }],
    });
  });

  it.each<[string, string, string, unknown, (string | number)[], string]>([
    [
      'an unknown attribute (a request’s)',
      'PUT',
      'carol',
      { custom_attributes: { region: 'EU' } },
      ['body', 'custom_attributes', 'region'],
      'no contact attribute',
    ],
    [
      'a value not in the list',
      'PATCH',
      'carol',
      { custom_attributes: { tier: 'Bronze' } },
      ['body', 'custom_attributes', 'tier'],
      'Gold, Silver',
    ],
    [
      'a number field given text',
      'PUT',
      'carol',
      { custom_attributes: { seats: 'many' } },
      ['body', 'custom_attributes', 'seats'],
      'takes a number',
    ],
    ['an empty change', 'PATCH', 'carol', {}, ['body'], 'nothing to change'],
    ['an unknown field', 'PUT', 'carol', { phone_number: '+1' }, ['body'], 'phone_number'],
    [
      'an address taken by another contact',
      'PUT',
      'carol',
      { email: 'ERIN@example.com' },
      ['body', 'email'],
      'another contact',
    ],
    [
      'no address for an e-mail contact',
      'PUT',
      'erin',
      { email: null },
      ['body', 'email'],
      'keeps an e-mail address',
    ],
    [
      'a bad address',
      'POST',
      '',
      { name: 'X', email: 'not-an-address' },
      ['body', 'email'],
      'e-mail',
    ],
    [
      'an address taken (any case)',
      'POST',
      '',
      { name: 'X', email: 'Erin@Example.com' },
      ['body', 'email'],
      'another contact',
    ],
    ['a missing name', 'POST', '', { email: 'new@example.com' }, ['body', 'name'], ''],
  ])(
    'refuses %s with 422 naming it, and writes nothing',
    async (_what, method, who, body, loc, says) => {
      const erin = await t.db.collection('contacts').findOne({ email: 'erin@example.com' });
      const target = { carol, erin: String(erin?._id), '': '' }[who];
      const before = await stored();
      const res = await t.api(method, target ? `${PATH}/${target}` : PATH, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc })]));
      expect(JSON.stringify(res.body.detail)).toContain(says);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses 422 for a bad page, sort or search', async () => {
    for (const path of [
      `${PATH}?page=0`,
      `${PATH}?sort=email`,
      `${PATH}/search`,
      `${PATH}/search?q=`,
    ]) {
      const res = await t.api('GET', path);
      expect([path, res.status]).toEqual([path, 422]);
    }
  });

  it('answers 404 for an unknown or malformed id, and writes nothing', async () => {
    const before = await stored();
    for (const id of ['0123456789abcdef01234567', 'not-an-id']) {
      for (const [method, path, body] of [
        ['GET', `${PATH}/${id}`],
        ['PUT', `${PATH}/${id}`, { name: 'Nobody' }],
        ['PATCH', `${PATH}/${id}`, { name: 'Nobody' }],
        ['GET', `${PATH}/${id}/conversations`],
      ] as const) {
        const res = await t.api(method, path, body);
        expect([method, path, res.status, res.body.error]).toEqual([
          method,
          path,
          404,
          'not_found',
        ]);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it('answers 401 without a token or with an unknown one, and writes nothing', async () => {
    const before = await stored();
    for (const token of [null, 'not-a-token']) {
      for (const [method, path, body] of [
        ['GET', PATH],
        ['GET', `${PATH}/search?q=carol`],
        ['GET', `${PATH}/${carol}`],
        ['GET', `${PATH}/${carol}/conversations`],
        ['POST', PATH, { name: 'Intruder', email: 'intruder@example.com' }],
        ['PUT', `${PATH}/${carol}`, { name: 'Intruder' }],
      ] as const) {
        const res = await t.api(method, path, body, token);
        expect([method, path, res.status]).toEqual([method, path, 401]);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it('advertises only the search’s own methods for it (not the PUT and PATCH of an id)', async () => {
    const res = await fetch(`${t.bot.url}${PATH}/search`, {
      method: 'OPTIONS',
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect([res.status, res.headers.get('allow')]).toEqual([200, 'GET, HEAD']);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths[PATH])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${PATH}/search`])).toEqual(['get']);
    expect(Object.keys(doc.body.paths[`${PATH}/{id}`])).toEqual(['get', 'put', 'patch']);
    expect(Object.keys(doc.body.paths[`${PATH}/{id}/conversations`])).toEqual(['get']);
  });
});
