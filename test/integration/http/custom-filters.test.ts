import { Types } from 'mongoose';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { MAX_FILTERS } from '../../../src/desk/filters.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/custom_filters';
const CONDITION = {
  attribute_key: 'status',
  filter_operator: 'equal_to',
  values: ['open'],
  query_operator: 'nil',
};
const FILTER = { name: 'Open ones', filter_type: 'conversation', query: { payload: [CONDITION] } };
const stored = (t: TestBot) => t.db.collection('custom_filters').find({}).toArray();

/** Seed 003's custom filters: each agent keeps their own; every answer read back. */
describe('/api/v1/custom_filters', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  const as = (token: string) => (method: string, path: string, body?: unknown) =>
    t.api(method, path, body, token);

  beforeAll(async () => {
    t = await startTestBot();
    alice = await createApiToken(t.bot.deps.models, t.teamId, 'U0ALICE', { role: 'agent' });
    bob = await createApiToken(t.bot.deps.models, t.teamId, 'U0BOB', { role: 'agent' });
  });
  afterAll(() => t.stop());
  beforeEach(() => t.db.collection('custom_filters').deleteMany({}));

  it('creates, reads, lists, changes and deletes an agent’s own filter', async () => {
    const res = await as(alice)('POST', PATH, FILTER);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      ...FILTER,
      query: { payload: [{ ...CONDITION, query_operator: null }] },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(await stored(t)).toEqual([
      expect.objectContaining({
        teamId: t.teamId,
        userId: 'U0ALICE',
        name: 'Open ones',
        filterType: 'conversation',
        conditions: [{ ...CONDITION, query_operator: null }],
      }),
    ]);
    expect((await as(alice)('GET', PATH)).body).toEqual([res.body]);
    expect((await as(alice)('GET', `${PATH}?filter_type=conversation`)).body).toEqual([res.body]);
    expect((await as(alice)('GET', `${PATH}?filter_type=contact`)).body).toEqual([]);
    expect((await as(alice)('GET', `${PATH}/${res.body.id}`)).body).toEqual(res.body);

    const payload = [{ ...CONDITION, values: ['pending'] }];
    const patch = await as(alice)('PATCH', `${PATH}/${res.body.id}`, { query: { payload } });
    expect(patch.status).toBe(200);
    expect(patch.body.query.payload[0].values).toEqual(['pending']);
    expect((await stored(t))[0]?.conditions[0].values).toEqual(['pending']);
    const put = await as(alice)('PUT', `${PATH}/${res.body.id}`, { name: 'Waiting' });
    expect(put.body).toMatchObject({ name: 'Waiting', query: patch.body.query });
    expect((await stored(t))[0]).toMatchObject({ name: 'Waiting' });

    expect((await as(alice)('DELETE', `${PATH}/${res.body.id}`)).status).toBe(204);
    expect(await stored(t)).toEqual([]);
    expect((await as(alice)('DELETE', `${PATH}/${res.body.id}`)).status).toBe(404);
  });

  it('keeps each agent to their own filters: another’s id is 404 and lists never mix', async () => {
    const mine = (await as(alice)('POST', PATH, FILTER)).body;
    const theirs = (await as(bob)('POST', PATH, { ...FILTER, name: 'Bob’s' })).body;
    const other = await t.db.collection('custom_filters').insertOne({
      teamId: 'T0OTHER',
      userId: 'U0ALICE',
      name: 'elsewhere',
      filterType: 'conversation',
      conditions: [],
    });
    expect((await as(alice)('GET', PATH)).body.map((f: { id: string }) => f.id)).toEqual([mine.id]);
    expect((await as(bob)('GET', PATH)).body.map((f: { id: string }) => f.id)).toEqual([theirs.id]);
    expect((await t.api('GET', PATH)).body).toEqual([]); // the admin's token: none of theirs
    for (const id of [theirs.id, String(other.insertedId), String(new Types.ObjectId()), 'nope']) {
      expect((await as(alice)('GET', `${PATH}/${id}`)).status).toBe(404);
      expect((await as(alice)('PATCH', `${PATH}/${id}`, { name: 'mine' })).status).toBe(404);
      expect((await as(alice)('PUT', `${PATH}/${id}`, { name: 'mine' })).status).toBe(404);
      const gone = await as(alice)('DELETE', `${PATH}/${id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error).toBe('not_found');
    }
    const names = (await stored(t)).map((doc) => doc.name).sort();
    expect(names).toEqual(['Bob’s', 'Open ones', 'elsewhere']);
  });

  it.each([
    [{ ...FILTER, name: '' }, ['body', 'name']],
    [{ ...FILTER, name: 'x'.repeat(81) }, ['body', 'name']],
    [{ ...FILTER, filter_type: 'contact' }, ['body', 'filter_type']],
    [{ ...FILTER, filter_type: 'report' }, ['body', 'filter_type']],
    [{ ...FILTER, query: { payload: [] } }, ['body', 'query', 'payload']],
    [
      { ...FILTER, query: { payload: [{ ...CONDITION, attribute_key: 'mood' }] } },
      ['body', 'query', 'payload', 0, 'attribute_key'],
    ],
    [
      { ...FILTER, query: { payload: [CONDITION, { ...CONDITION, filter_operator: 'like' }] } },
      ['body', 'query', 'payload', 1, 'filter_operator'],
    ],
    [{ ...FILTER, owner: 'U0BOB' }, ['body']],
  ])('refuses %j with 422 naming %j, storing nothing', async (body, loc) => {
    const res = await as(alice)('POST', PATH, body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc })]));
    expect(await stored(t)).toEqual([]);
  });

  it('says a contact filter is not supported yet', async () => {
    const res = await as(alice)('POST', PATH, { ...FILTER, filter_type: 'contact' });
    expect(res.body.detail[0].msg).toBe('contact filters are not supported yet; use conversation');
    expect((await as(alice)('GET', `${PATH}?filter_type=people`)).status).toBe(422);
  });

  it('refuses an update with nothing to change or a bad condition, leaving it as it was', async () => {
    const { id } = (await as(alice)('POST', PATH, FILTER)).body;
    expect((await as(alice)('PATCH', `${PATH}/${id}`, {})).status).toBe(422);
    const bad = { query: { payload: [{ ...CONDITION, attribute_key: 'custom_attribute:' }] } };
    const res = await as(alice)('PATCH', `${PATH}/${id}`, bad);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'query', 'payload', 0, 'attribute_key']);
    expect((await stored(t))[0]).toMatchObject({
      name: 'Open ones',
      conditions: [CONDITION].map((c) => ({ ...c, query_operator: null })),
    });
  });

  it(`keeps at most ${MAX_FILTERS} filters per agent`, async () => {
    const now = new Date();
    await t.db.collection('custom_filters').insertMany(
      Array.from({ length: MAX_FILTERS }, (_, i) => ({
        teamId: t.teamId,
        userId: 'U0ALICE',
        name: `f${i}`,
        filterType: 'conversation',
        conditions: [],
        createdAt: now,
        updatedAt: now,
      })),
    );
    const res = await as(alice)('POST', PATH, FILTER);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].msg).toContain(`at most ${MAX_FILTERS}`);
    expect(await t.db.collection('custom_filters').countDocuments()).toBe(MAX_FILTERS);
    expect((await as(bob)('POST', PATH, FILTER)).status).toBe(201); // Bob's count is his own
  });

  it('answers 401 without a token or with an unknown one, storing nothing', async () => {
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', PATH],
      ['GET', `${PATH}/x`],
      ['PATCH', `${PATH}/x`],
      ['DELETE', `${PATH}/x`],
      ['POST', '/api/v1/conversations/filter'],
    ] as const) {
      const body = method === 'POST' || method === 'PATCH' ? FILTER : undefined;
      expect((await t.api(method, path, body, null)).status).toBe(401);
      expect((await t.api(method, path, body, 'tbt_unknown')).status).toBe(401);
    }
    expect(await stored(t)).toEqual([]);
  });

  it('needs no administrator: an agent’s and an admin’s token each keep their own (no 403)', async () => {
    const admin = await t.api('POST', PATH, FILTER);
    const agent = await as(bob)('POST', PATH, FILTER);
    expect([admin.status, agent.status]).toEqual([201, 201]);
    expect((await stored(t)).map((doc) => doc.userId).sort()).toEqual(['U0ADMIN', 'U0BOB']);
  });
});
