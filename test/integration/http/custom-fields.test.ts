import { syncIndexes } from '../../../src/db/models/index.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/custom_attribute_definitions';

describe('custom field definitions API (Chatwoot’s custom attribute definitions)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  const stored = () => t.db.collection('custom_fields').find({}).sort({ key: 1 }).toArray();

  it('creates, lists, reads, changes and deletes a workspace’s fields', async () => {
    const tier = await t.api('POST', PATH, {
      attribute_display_name: 'Contract tier',
      attribute_display_type: 'list',
      attribute_description: 'From the CRM',
      attribute_values: ['Gold', 'Silver'],
    });
    expect(tier.status).toBe(201);
    expect(tier.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      attribute_display_name: 'Contract tier',
      attribute_display_type: 'list',
      attribute_description: 'From the CRM',
      attribute_key: 'contract_tier', // made from the name
      attribute_values: ['Gold', 'Silver'],
      attribute_model: 'conversation_attribute',
      default_value: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const seats = await t.api('POST', PATH, {
      attribute_display_name: 'Seats',
      attribute_display_type: 'number',
      attribute_key: 'seat_count',
    });
    expect(seats.status).toBe(201);

    const list = await t.api('GET', PATH);
    expect(list.body.map((f: { attribute_key: string }) => f.attribute_key)).toEqual([
      'contract_tier',
      'seat_count',
    ]);
    expect((await t.api('GET', `${PATH}/${tier.body.id}`)).body).toEqual(tier.body);

    const changed = await t.api('PATCH', `${PATH}/${tier.body.id}`, {
      attribute_display_name: 'Plan',
      attribute_values: ['Gold', 'Platinum'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      attribute_display_name: 'Plan',
      attribute_key: 'contract_tier', // the key stays: stored values are read by it
      attribute_values: ['Gold', 'Platinum'],
      attribute_description: 'From the CRM',
    });
    expect((await stored()).map((f) => [f.teamId, f.key, f.name, f.values])).toEqual([
      ['T0SIM', 'contract_tier', 'Plan', ['Gold', 'Platinum']],
      ['T0SIM', 'seat_count', 'Seats', []],
    ]);

    expect((await t.api('DELETE', `${PATH}/${seats.body.id}`)).status).toBe(204);
    const gone = await t.api('GET', `${PATH}/${seats.body.id}`);
    expect([gone.status, gone.body.error]).toEqual([404, 'not_found']);
    expect((await stored()).map((f) => f.key)).toEqual(['contract_tier']);
  });

  it.each<[string, string, string, unknown, (string | number)[], string]>([
    [
      'a list without options',
      'POST',
      '',
      { attribute_display_name: 'Region', attribute_display_type: 'list' },
      ['body', 'attribute_values'],
      'a list field needs at least one option',
    ],
    [
      'an unknown type',
      'POST',
      '',
      { attribute_display_name: 'Region', attribute_display_type: 'checkbox' },
      ['body', 'attribute_display_type'],
      '',
    ],
    [
      'an unknown key in the body',
      'POST',
      '',
      { attribute_display_name: 'Region', attribute_display_type: 'text', colour: 'red' },
      ['body'],
      'colour',
    ],
    [
      'a key already used',
      'POST',
      '',
      {
        attribute_display_name: 'Tier again',
        attribute_display_type: 'text',
        attribute_key: 'contract_tier',
      },
      ['body', 'attribute_key'],
      'contract_tier',
    ],
    [
      'a name with nothing to make a key of',
      'POST',
      '',
      { attribute_display_name: '2026', attribute_display_type: 'text' },
      ['body', 'attribute_key'],
      'give a key',
    ],
    [
      'options for a text field',
      'PATCH',
      'tier',
      { attribute_values: ['x'] },
      ['body', 'attribute_values'],
      'only a list field has options',
    ],
    ['an empty change', 'PATCH', 'tier', {}, ['body'], 'nothing to change'],
    [
      'a change of type',
      'PATCH',
      'tier',
      { attribute_display_type: 'text' },
      ['body'],
      'attribute_display_type',
    ],
  ])(
    'refuses %s with 422 naming it, and writes nothing',
    async (_what, method, target, body, loc, says) => {
      const text = await t.api('POST', PATH, {
        attribute_display_name: `Note ${Math.random()}`,
        attribute_display_type: 'text',
      });
      const before = await stored();
      const path = target ? `${PATH}/${text.body.id}` : PATH;
      const res = await t.api(method, path, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(
        expect.arrayContaining([expect.objectContaining({ loc: expect.arrayContaining(loc) })]),
      );
      expect(JSON.stringify(res.body.detail)).toContain(says);
      expect(await stored()).toEqual(before);
      await t.api('DELETE', `${PATH}/${text.body.id}`);
    },
  );

  it('keeps a contact’s attributes apart from a request’s: a key once per model, listed by model', async () => {
    const keys = (res: { body: { attribute_key: string; attribute_model: string }[] }) =>
      res.body.map((f) => [f.attribute_key, f.attribute_model]);
    const request = await t.api('POST', PATH, {
      attribute_display_name: 'Segment',
      attribute_display_type: 'text',
    });
    const contact = await t.api('POST', PATH, {
      attribute_display_name: 'Segment',
      attribute_display_type: 'list',
      attribute_values: ['SMB', 'Enterprise'],
      attribute_model: 'contact_attribute',
    });
    expect([request.status, contact.status]).toEqual([201, 201]);
    expect(contact.body).toMatchObject({
      attribute_key: 'segment',
      attribute_model: 'contact_attribute',
    });
    // Chatwoot's number for a contact attribute; the key is the contact model's already.
    const again = await t.api('POST', PATH, {
      attribute_display_name: 'Segment',
      attribute_display_type: 'text',
      attribute_model: 1,
    });
    expect([again.status, JSON.stringify(again.body.detail)]).toEqual([
      422,
      expect.stringContaining('segment is used by another contact attribute'),
    ]);
    const contacts = await t.api('GET', `${PATH}?attribute_model=contact_attribute`);
    expect(keys(contacts)).toEqual([['segment', 'contact_attribute']]);
    const requests = await t.api('GET', `${PATH}?attribute_model=0`);
    expect(keys(requests)).toEqual([
      ['contract_tier', 'conversation_attribute'],
      ['segment', 'conversation_attribute'],
    ]);
    expect(keys(await t.api('GET', PATH))).toHaveLength(3);
    const bad = await t.api('GET', `${PATH}?attribute_model=2`);
    expect([bad.status, bad.body.detail[0].loc]).toEqual([422, ['query', 'attribute_model']]);
    const models = (await stored()).map((f) => `${f.key} ${f.model}`);
    expect(models.sort()).toEqual([
      'contract_tier conversation_attribute',
      'segment contact_attribute',
      'segment conversation_attribute',
    ]);
    for (const id of [request.body.id, contact.body.id])
      expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(204);
  });

  it('reads a definition stored before contacts as a request’s, and the start-up migration says so', async () => {
    await t.db.collection('custom_fields').insertOne({
      teamId: 'T0SIM',
      key: 'legacy',
      name: 'Legacy',
      type: 'text',
      description: '',
      values: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const listed = await t.api('GET', `${PATH}?attribute_model=conversation_attribute`);
    expect(listed.body.map((f: { attribute_key: string }) => f.attribute_key)).toContain('legacy');
    expect((await t.api('GET', `${PATH}?attribute_model=contact_attribute`)).body).toEqual([]);
    await syncIndexes(t.bot.deps.models);
    const legacy = await t.db.collection('custom_fields').findOne({ key: 'legacy' });
    expect(legacy?.model).toBe('conversation_attribute');
    const indexes = (await t.db.collection('custom_fields').indexes()).map((i) => i.name);
    expect(indexes).toContain('teamId_1_model_1_key_1');
    expect(indexes).not.toContain('teamId_1_key_1');
    await t.db.collection('custom_fields').deleteOne({ key: 'legacy' });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['0123456789abcdef01234567', 'not-an-id']) {
      for (const method of ['GET', 'DELETE']) {
        const res = await t.api(method, `${PATH}/${id}`);
        expect([method, id, res.status, res.body.error]).toEqual([method, id, 404, 'not_found']);
      }
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths[PATH])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${PATH}/{id}`])).toEqual(['get', 'patch', 'delete']);
  });
});
