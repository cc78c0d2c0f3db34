import { Types } from 'mongoose';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/automation_rules';
const stored = (t: TestBot) => t.db.collection('automation_rules').find({}).toArray();
const RULE = {
  name: 'Outage',
  description: 'Page on outages',
  event_name: 'conversation_created',
  conditions: [
    {
      attribute_key: 'content',
      filter_operator: 'contains',
      values: ['outage'],
      query_operator: 'nil',
    },
  ],
  actions: [
    { action_name: 'set_severity', action_params: ['High'] },
    { action_name: 'send_slack_message', action_params: ['C0INCIDENTS', 'Outage reported'] },
  ],
};

/** Seed 003's automation rules: an administrator's token manages them; every answer read back. */
describe('/api/v1/automation_rules', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    await t.db.collection('automation_rules').deleteMany({});
    await t.db.collection('automation_runs').deleteMany({});
  });

  it('creates, reads, lists, changes and deletes a rule', async () => {
    const res = await t.api('POST', PATH, RULE);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      ...RULE,
      active: true,
      conditions: [{ ...RULE.conditions[0], query_operator: null }],
      account_id: t.teamId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({ teamId: t.teamId, name: 'Outage', event: 'conversation_created' });
    expect((await t.api('GET', PATH)).body).toEqual([res.body]);
    expect((await t.api('GET', `${PATH}/${res.body.id}`)).body).toEqual(res.body);

    const patch = await t.api('PATCH', `${PATH}/${res.body.id}`, {
      active: false,
      event_name: 'conversation_status_changed',
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ active: false, event_name: 'conversation_status_changed' });
    expect((await stored(t))[0]).toMatchObject({
      active: false,
      event: 'conversation_status_changed',
    });
    const put = await t.api('PUT', `${PATH}/${res.body.id}`, { name: 'Renamed' });
    expect(put.body.name).toBe('Renamed');
    expect((await stored(t))[0]).toMatchObject({ name: 'Renamed' });

    expect((await t.api('GET', `${PATH}/${res.body.id}/runs`)).body).toEqual([]);
    expect((await t.api('DELETE', `${PATH}/${res.body.id}`)).status).toBe(204);
    expect(await stored(t)).toEqual([]);
    expect((await t.api('DELETE', `${PATH}/${res.body.id}`)).status).toBe(404);
  });

  it.each([
    [{ ...RULE, name: '' }, ['body', 'name']],
    [{ ...RULE, event_name: 'message_updated' }, ['body', 'event_name']],
    [{ ...RULE, actions: [] }, ['body', 'actions']],
    [
      { ...RULE, actions: [{ action_name: 'send_webhook_event', action_params: [] }] },
      ['body', 'actions', 0, 'action_params'],
    ],
    [
      {
        ...RULE,
        actions: [RULE.actions[0], { action_name: 'send_webhook_event', action_params: ['x:y'] }],
      },
      ['body', 'actions', 1, 'action_params'],
    ],
    [
      // A private address, refused as a webhook's is (the test bot does not allow them).
      {
        ...RULE,
        actions: [{ action_name: 'send_webhook_event', action_params: ['http://127.0.0.1:9/h'] }],
      },
      ['body', 'actions', 0, 'action_params'],
    ],
    [
      {
        ...RULE,
        conditions: [{ attribute_key: 'message_type', filter_operator: 'like', values: [] }],
      },
      ['body', 'conditions', 0, 'filter_operator'],
    ],
    [
      {
        ...RULE,
        conditions: [RULE.conditions[0], { attribute_key: 'mood', filter_operator: 'equal_to' }],
      },
      ['body', 'conditions', 1, 'attribute_key'],
    ],
    [
      { ...RULE, conditions: [{ attribute_key: 'status', filter_operator: 'like', values: [] }] },
      ['body', 'conditions', 0, 'filter_operator'],
    ],
    [
      { ...RULE, actions: [RULE.actions[0], { action_name: 'explode', action_params: [] }] },
      ['body', 'actions', 1, 'action_name'],
    ],
    [
      { ...RULE, actions: [{ action_name: 'assign_agent', action_params: [] }] },
      ['body', 'actions', 0, 'action_params'],
    ],
  ])('refuses %j with 422 naming %j, storing nothing', async (body, loc) => {
    const res = await t.api('POST', PATH, body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc })]));
    expect(await stored(t)).toEqual([]);
  });

  it('takes a message_created rule with send_webhook_event to a public address; refuses a private one on update', async () => {
    const hook = {
      action_name: 'send_webhook_event',
      action_params: ['https://93.184.215.14/hook'],
    };
    const res = await t.api('POST', PATH, {
      ...RULE,
      event_name: 'message_created',
      conditions: [
        { attribute_key: 'message_type', filter_operator: 'equal_to', values: ['incoming'] },
      ],
      actions: [hook],
    });
    expect(res.status).toBe(201);
    expect((await stored(t))[0]).toMatchObject({ event: 'message_created', actions: [hook] });
    const private_ = { action_name: 'send_webhook_event', action_params: ['http://localhost:9/h'] };
    const patch = await t.api('PATCH', `${PATH}/${res.body.id}`, { actions: [hook, private_] });
    expect(patch.status).toBe(422);
    expect(patch.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'actions', 1, 'action_params'],
        msg: expect.stringMatching(/private, loopback|does not resolve/),
      }),
    ]);
    expect((await stored(t))[0]).toMatchObject({ actions: [hook] });
    // Deleting the rule drops its deliveries not sent yet.
    const deliveries = t.db.collection('webhook_deliveries');
    await deliveries.insertOne({
      teamId: t.teamId,
      webhookId: `rule:${res.body.id}`,
      eventId: 'e1',
      status: 'pending',
    });
    expect((await t.api('DELETE', `${PATH}/${res.body.id}`)).status).toBe(204);
    expect(await deliveries.countDocuments({})).toBe(0);
  });

  it('refuses an update with nothing to change or a bad action (422), leaving it as it was', async () => {
    const { id } = (await t.api('POST', PATH, RULE)).body;
    expect((await t.api('PATCH', `${PATH}/${id}`, {})).status).toBe(422);
    const res = await t.api('PATCH', `${PATH}/${id}`, {
      actions: [{ action_name: 'send_slack_message', action_params: ['C0X'] }],
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'actions', 0, 'action_params']);
    expect((await stored(t))[0]).toMatchObject({ actions: RULE.actions });
  });

  it('answers 404 for an unknown, malformed or another workspace’s rule', async () => {
    const other = await t.db.collection('automation_rules').insertOne({
      teamId: 'T0OTHER',
      name: 'theirs',
      description: '',
      event: 'conversation_created',
      active: true,
      conditions: [],
      actions: [{ action_name: 'add_label', action_params: ['x'] }],
    });
    for (const id of [String(new Types.ObjectId()), 'nope', String(other.insertedId)]) {
      expect((await t.api('GET', `${PATH}/${id}`)).status).toBe(404);
      expect((await t.api('PATCH', `${PATH}/${id}`, { name: 'mine' })).status).toBe(404);
      expect((await t.api('DELETE', `${PATH}/${id}`)).status).toBe(404);
      expect((await t.api('GET', `${PATH}/${id}/runs`)).status).toBe(404);
    }
    expect(await t.db.collection('automation_rules').findOne({ teamId: 'T0OTHER' })).toMatchObject({
      name: 'theirs',
    });
    expect((await t.api('GET', PATH)).body).toEqual([]);
  });

  it('answers 401 without a token and 403 to an agent’s token, storing nothing', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0AGENT', { role: 'agent' });
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', PATH],
      ['GET', `${PATH}/x`],
      ['DELETE', `${PATH}/x`],
      ['GET', `${PATH}/x/runs`],
    ] as const) {
      const payload = method === 'POST' ? RULE : undefined;
      expect((await t.api(method, path, payload, null)).status).toBe(401);
      const forbidden = await t.api(method, path, payload, agent);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toBe('forbidden');
    }
    expect(await stored(t)).toEqual([]);
  });

  it('bumps the configuration version on each write, so cached rules are reread', async () => {
    const version = async () =>
      (await t.db.collection('config_versions').findOne({ _id: 'config' as never }))?.v ?? 0;
    const before = await version();
    const { id } = (await t.api('POST', PATH, RULE)).body;
    const created = await version();
    expect(created).toBeGreaterThan(before);
    await t.api('PATCH', `${PATH}/${id}`, { active: false });
    expect(await version()).toBeGreaterThan(created);
  });
});
