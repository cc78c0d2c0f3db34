import { Types } from 'mongoose';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/conversations/filter';
const ACME = new Types.ObjectId();

interface Listed {
  data: { meta: Record<string, number>; payload: { id: string; labels: string[] }[] };
}

/** `POST /conversations/filter`: seed 003's filter conditions run over the workspace's requests. */
describe('POST /api/v1/conversations/filter', () => {
  let t: TestBot;
  let alice: string;
  const ids: Record<string, string> = {};
  const as = (body: unknown, query = '') => t.api('POST', `${PATH}${query}`, body, alice);
  const listed = (res: { body: unknown }) => (res.body as Listed).data.payload.map((c) => c.id);
  const cond = (
    attribute_key: string,
    filter_operator: string,
    values: unknown[] = [],
    op = 'nil',
  ) => ({
    attribute_key,
    filter_operator,
    values,
    query_operator: op,
  });

  beforeAll(async () => {
    t = await startTestBot();
    alice = await createApiToken(t.bot.deps.models, t.teamId, 'U0ALICE', { role: 'agent' });
    await t.bot.deps.models.channels.create({
      teamId: t.teamId,
      channelId: 'C0ACME',
      accountId: ACME,
    });
    const seed = async (name: string, minute: number, fields: Record<string, unknown>) => {
      const at = new Date(Date.UTC(2026, 0, 5, 9, minute));
      const { _id } = await t.bot.deps.models.requests.create({
        teamId: t.teamId,
        channelId: 'C0OTHER',
        rootTs: `${minute}.0`,
        requesterId: 'U0CUSTOMER',
        text: '',
        status: 'open',
        assigneeId: null,
        severity: null,
        priority: null,
        tags: [],
        customFields: [],
        createdAt: at,
        updatedAt: at,
        lastCustomerActivityAt: at,
        ...fields,
      });
      ids[name] = String(_id);
    };
    await seed('invoice', 1, { text: 'Invoice missing', tags: ['billing'], channelId: 'C0ACME' });
    await seed('refund', 2, {
      text: 'Refund please',
      tags: ['Billing'],
      status: 'closed',
      assigneeId: 'U0ALICE',
    });
    await seed('outage', 3, {
      text: 'OUTAGE',
      priority: 'urgent',
      status: 'on_hold',
      channelId: 'C0ACME',
    });
    await seed('hello', 4, { text: 'hello', customFields: [{ key: 'plan', value: 'Enterprise' }] });
    await t.db.collection('requests').insertOne({
      teamId: 'T0OTHER',
      channelId: 'C0ACME',
      rootTs: '9.0',
      text: 'Invoice elsewhere',
      tags: ['billing'],
      status: 'open',
    });
  });
  afterAll(() => t.stop());

  it('answers the matching conversations of any status, newest first, with the list’s counts', async () => {
    const res = await as({ payload: [cond('labels', 'equal_to', ['BILLING'])] });
    expect(res.status).toBe(200);
    expect(listed(res)).toEqual([ids.refund, ids.invoice]);
    expect((res.body as Listed).data.meta).toEqual({
      mine_count: 1,
      unassigned_count: 1,
      assigned_count: 1,
      all_count: 2,
    });
    expect((res.body as Listed).data.payload[0]).toMatchObject({
      status: 'resolved',
      labels: ['Billing'],
    });
  });

  it('reads conditions left to right, and account, priority and custom attribute conditions', async () => {
    const either = await as({
      payload: [
        cond('content', 'contains', ['outage'], 'or'),
        cond('custom_attribute:plan', 'equal_to', ['enterprise'], 'and'),
        cond('status', 'not_equal_to', ['resolved']),
      ],
    });
    expect(listed(either)).toEqual([ids.hello, ids.outage]);
    const acme = await as({ payload: [cond('account_id', 'equal_to', [String(ACME)])] });
    expect(listed(acme)).toEqual([ids.outage, ids.invoice]);
    const urgent = await as({ payload: [cond('priority', 'equal_to', ['urgent'])] });
    expect(listed(urgent)).toEqual([ids.outage]);
    const none = await as({ payload: [cond('severity', 'is_present')] });
    expect(listed(none)).toEqual([]);
  });

  it('pages by 25', async () => {
    const at = new Date(Date.UTC(2026, 0, 4));
    await t.bot.deps.models.requests.insertMany(
      Array.from({ length: 25 }, (_, i) => ({
        teamId: t.teamId,
        channelId: 'C0BULK',
        rootTs: `1${i}.5`,
        requesterId: 'U0CUSTOMER',
        text: 'bulk',
        status: 'open',
        tags: [],
        customFields: [],
        createdAt: at,
        updatedAt: at,
        lastCustomerActivityAt: at,
      })),
    );
    const payload = [
      cond('channel_id', 'equal_to', ['C0BULK'], 'or'),
      cond('content', 'equal_to', ['hello']),
    ];
    const first = await as({ payload });
    expect(listed(first)).toHaveLength(25);
    expect(listed(first)[0]).toBe(ids.hello);
    const second = await as({ payload }, '?page=2');
    expect(listed(second)).toHaveLength(1);
    expect((second.body as Listed).data.meta.all_count).toBe(26);
    await t.db.collection('requests').deleteMany({ channelId: 'C0BULK' });
  });

  it.each([
    [{ payload: [] }, '', ['body', 'payload']],
    [{ payload: [cond('mood', 'equal_to', ['x'])] }, '', ['body', 'payload', 0, 'attribute_key']],
    [{ payload: [cond('status', 'like', ['x'])] }, '', ['body', 'payload', 0, 'filter_operator']],
    [
      { payload: [cond('status', 'equal_to', ['open'], 'xor')] },
      '',
      ['body', 'payload', 0, 'query_operator'],
    ],
    [{}, '', ['body', 'payload']],
    [{ payload: [cond('status', 'is_present')] }, '?page=0', ['query', 'page']],
  ])('refuses %j%s with 422 naming %j, changing nothing', async (body, query, loc) => {
    const before = await t.db.collection('requests').find({}).toArray();
    const res = await as(body, query);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc })]));
    expect(await t.db.collection('requests').find({}).toArray()).toEqual(before);
  });
});
