import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import {
  createModels,
  syncIndexes,
  type Models,
  type RequestDoc,
} from '../../../src/db/models/index.js';
import { ConversationStore } from '../../../src/db/repositories/conversations.js';
import { ruleMatches, type Condition } from '../../../src/desk/automation.js';
import type { ChannelContext } from '../../../src/services/requests/channel-context.js';
import { queryOf } from '../../../src/services/desk/filters.js';
import { factsOf } from '../../../src/services/rules/facts.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

const TEAM = 'T0FILTERS';
const ACME = new Types.ObjectId();
const GLOBEX = new Types.ObjectId();
const CHANNELS = { C0ACME: ACME, C0ACME2: ACME, C0GLOBEX: GLOBEX, C0LOOSE: null } as const;

/** Requests of every shape a condition reads: set, unset, empty, any case, numbers. */
const REQUESTS: Partial<RequestDoc>[] = [
  { channelId: 'C0ACME', text: 'Major OUTAGE in eu-west', status: 'open', priority: 'high' },
  { channelId: 'C0ACME', text: 'Refund (eu) please', status: 'in_progress', tags: ['Billing'] },
  { channelId: 'C0ACME2', text: 'Invoice missing', status: 'on_hold', tags: ['billing', 'vip'] },
  { channelId: 'C0GLOBEX', text: '', status: 'closed', severity: 'High', assigneeId: 'U0ALICE' },
  { channelId: 'C0GLOBEX', text: 'a.b*c', status: 'discarded', severity: '', priority: 'low' },
  { channelId: 'C0LOOSE', text: 'outage again', tags: [''], assigneeId: 'U0BOB' },
  { channelId: 'C0UNKNOWN', text: 'Hello', priority: 'urgent', assigneeId: 'u0alice' },
  {
    channelId: 'C0ACME',
    text: 'Seats',
    customFields: [
      { key: 'plan', value: 'Enterprise' },
      { key: 'seats', value: 40 },
    ],
  },
  { channelId: 'C0LOOSE', text: 'x', customFields: [{ key: 'plan', value: '' }] },
  { channelId: 'C0GLOBEX', text: 'y', customFields: [{ key: 'seats', value: '40' }] },
];

const TEXT_OPS = [
  'equal_to',
  'not_equal_to',
  'contains',
  'does_not_contain',
  'is_present',
  'is_not_present',
] as const;
const cond = (
  attribute_key: string,
  filter_operator: Condition['filter_operator'],
  values: unknown[] = [],
  query_operator: Condition['query_operator'] = null,
): Condition => ({ attribute_key, filter_operator, values, query_operator });

/** Every operator on each attribute, with values that hit, miss, differ in case or are empty. */
const SINGLE: Condition[] = [
  ...(
    [
      ['status', [['open'], ['resolved', 'PENDING'], ['snoozed'], ['pe']]],
      ['priority', [['high'], ['URGENT', 'low'], ['none'], ['i']]],
      ['labels', [['billing'], ['BILL'], [''], ['vip', 'nope']]],
      ['severity', [['high'], ['HI'], ['']]],
      ['assignee_id', [['U0ALICE'], ['0b'], []]],
      ['channel_id', [['C0ACME'], ['acme'], ['C0UNKNOWN', 'C0LOOSE']]],
      ['account_id', [[String(ACME)], [String(GLOBEX), 'nope'], [String(ACME).slice(2, 8)]]],
      ['content', [['outage'], ['(eu)'], ['a.b*'], ['']]],
      ['custom_attribute:plan', [['enterprise'], ['ENTER'], ['']]],
    ] as const
  ).flatMap(([key, valueSets]) =>
    valueSets.flatMap((values) => TEXT_OPS.map((op) => cond(key, op, [...values]))),
  ),
  // A number equals its text; `contains` on a number-valued attribute is left out (the query
  // reads text values only, `filterQuery`'s documented limit).
  ...(['equal_to', 'not_equal_to', 'is_present', 'is_not_present'] as const).flatMap((op) => [
    cond('custom_attribute:seats', op, [40]),
    cond('custom_attribute:seats', op, ['40']),
    cond('custom_attribute:nothing', op, ['x']),
  ]),
];

/** Conditions joined left to right, `and` and `or` mixed. */
const COMBINED: Condition[][] = [
  [cond('status', 'equal_to', ['open'], 'or'), cond('labels', 'contains', ['bill'])],
  [
    cond('content', 'contains', ['outage'], 'or'),
    cond('priority', 'is_present', [], 'and'),
    cond('account_id', 'not_equal_to', [String(GLOBEX)]),
  ],
  [
    cond('severity', 'is_not_present', [], 'and'),
    cond('assignee_id', 'is_present', [], 'or'),
    cond('custom_attribute:plan', 'equal_to', ['Enterprise'], 'and'),
    cond('status', 'not_equal_to', ['resolved']),
  ],
];

/** The query `filterQuery` builds selects exactly the requests `ruleMatches` accepts. */
describe('a saved filter’s query and ruleMatches agree', () => {
  let db: TestDatabase;
  let models: Models;
  const ids: string[] = [];
  const facts = new Map<string, ReturnType<typeof factsOf>>();

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
    await syncIndexes(models);
    for (const [channelId, accountId] of Object.entries(CHANNELS)) {
      await models.channels.create({ teamId: TEAM, channelId, accountId });
    }
    // Another workspace's request matches everything but is never selected.
    await models.requests.create({
      teamId: 'T0OTHER',
      channelId: 'C0ACME',
      rootTs: '1.0',
      requesterId: 'U0X',
      lastCustomerActivityAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
      text: 'outage',
    });
    for (const [i, request] of REQUESTS.entries()) {
      const created = await models.requests.create({
        teamId: TEAM,
        rootTs: `${i + 10}.0`,
        requesterId: 'U0CUSTOMER',
        lastCustomerActivityAt: new Date(),
        createdAt: new Date(Date.UTC(2026, 0, 5, 9, i)),
        updatedAt: new Date(Date.UTC(2026, 0, 5, 9, i)),
        ...request,
      });
      const doc = (await new ConversationStore(models).matching(TEAM, { _id: created._id }, 1))
        .docs[0];
      if (!doc) throw new Error('request not stored');
      const accountId = CHANNELS[doc.channelId as keyof typeof CHANNELS] ?? null;
      const ctx = { channel: { accountId } } as unknown as ChannelContext;
      ids.push(String(doc._id));
      facts.set(String(doc._id), factsOf(ctx, doc));
    }
  });
  afterAll(() => db.drop());

  const byQuery = async (conditions: Condition[]) => {
    const query = await queryOf({ models }, TEAM, conditions);
    const { docs } = await new ConversationStore(models).matching(TEAM, query, 100);
    return docs.map((doc) => String(doc._id)).sort();
  };
  const byRules = (conditions: Condition[]) =>
    ids.filter((id) => ruleMatches(conditions, facts.get(id) as never)).sort();

  it.each(
    SINGLE.map((c) => [`${c.attribute_key} ${c.filter_operator} ${JSON.stringify(c.values)}`, c]),
  )('%s', async (_name, condition) => {
    expect(await byQuery([condition as Condition])).toEqual(byRules([condition as Condition]));
  });

  it.each(COMBINED.map((conditions, i) => [i, conditions]))(
    'combination %i',
    async (_i, conditions) => {
      const selected = await byQuery(conditions as Condition[]);
      expect(selected).toEqual(byRules(conditions as Condition[]));
      expect(selected.length).toBeGreaterThan(0);
    },
  );

  it('selects some but not all requests for most single conditions (the table means something)', async () => {
    let between = 0;
    for (const condition of SINGLE) {
      const n = byRules([condition]).length;
      if (n > 0 && n < ids.length) between++;
    }
    expect(between).toBeGreaterThan(SINGLE.length / 2);
  });
});
