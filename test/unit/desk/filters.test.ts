import type { Condition } from '../../../src/desk/automation.js';
import {
  CustomFilterCreate,
  CustomFilterUpdate,
  filterQuery,
  namesAccount,
  namesCustom,
  type FilterContext,
} from '../../../src/desk/filters.js';

const cond = (
  attribute_key: string,
  filter_operator: Condition['filter_operator'],
  values: unknown[] = [],
  query_operator: Condition['query_operator'] = null,
): Condition => ({ attribute_key, filter_operator, values, query_operator });

const CTX: FilterContext = {
  accountChannels: new Map([
    ['acc1', ['C0ACME', 'C0ACME2']],
    ['acc2', ['C0GLOBEX']],
  ]),
  customSlots: 2,
};
/** A test on the custom attribute `key`'s entry, at each of the two positions. */
const entry = (key: string, test: unknown) => ({
  $or: [
    { 'customFields.0.key': key, 'customFields.0.value': test },
    { 'customFields.1.key': key, 'customFields.1.value': test },
  ],
});
const NOTHING = { _id: { $in: [] } };
const ci = (pattern: string) => ({ $regex: pattern, $options: 'i' });

describe('filterQuery', () => {
  it.each<[string, Condition, unknown]>([
    // Conversation statuses read as the bot's: open is open or in progress.
    [
      'status open',
      cond('status', 'equal_to', ['OPEN']),
      { status: { $in: ['open', 'in_progress'] } },
    ],
    [
      'status not resolved',
      cond('status', 'not_equal_to', ['resolved']),
      { status: { $in: ['open', 'in_progress', 'on_hold'] } },
    ],
    ['status snoozed (none)', cond('status', 'equal_to', ['snoozed']), { status: { $in: [] } }],
    ['priority absent', cond('priority', 'is_not_present'), { priority: { $in: [null] } }],
    [
      'priority high or urgent',
      cond('priority', 'equal_to', ['high', 'Urgent']),
      { priority: { $in: ['urgent', 'high'] } },
    ],
    [
      'label equal, escaped, any case',
      cond('labels', 'equal_to', ['a.b']),
      { $and: [{ 'tags.0': { $exists: true } }, { $or: [{ tags: ci('^a\\.b$') }] }] },
    ],
    ['no labels', cond('labels', 'is_not_present'), { $nor: [{ 'tags.0': { $exists: true } }] }],
    [
      'content does not contain',
      cond('content', 'does_not_contain', ['refund (eu)']),
      {
        $nor: [
          {
            $and: [{ text: { $nin: [null, ''] } }, { $or: [{ text: ci('refund \\(eu\\)') }] }],
          },
        ],
      },
    ],
    ['equal to nothing', cond('severity', 'equal_to', []), NOTHING],
    ['assignee present', cond('assignee_id', 'is_present'), { assigneeId: { $nin: [null, ''] } }],
    [
      'account equal: its channels',
      cond('account_id', 'equal_to', ['acc1']),
      { channelId: { $in: ['C0ACME', 'C0ACME2'] } },
    ],
    [
      'account not equal: any channel but its own (no account too)',
      cond('account_id', 'not_equal_to', ['acc1']),
      { channelId: { $nin: ['C0ACME', 'C0ACME2'] } },
    ],
    [
      'account absent: any channel of no account',
      cond('account_id', 'is_not_present'),
      { channelId: { $nin: ['C0ACME', 'C0ACME2', 'C0GLOBEX'] } },
    ],
    [
      'custom attribute equal: text or number',
      cond('custom_attribute:seats', 'equal_to', [40]),
      {
        $and: [
          entry('seats', { $nin: [null, ''] }),
          { $or: [entry('seats', ci('^40$')), entry('seats', 40)] },
        ],
      },
    ],
    [
      'custom attribute absent',
      cond('custom_attribute:plan', 'is_not_present'),
      { $nor: [entry('plan', { $nin: [null, ''] })] },
    ],
  ])('%s', (_name, condition, expected) => {
    expect(filterQuery([condition], CTX)).toEqual(expected);
  });

  it('tests no entry while no request of the workspace holds a custom attribute', () => {
    const none = { ...CTX, customSlots: 0 };
    expect(filterQuery([cond('custom_attribute:plan', 'is_not_present')], none)).toEqual({
      $nor: [NOTHING],
    });
  });

  it('reads conditions left to right: (a or b) and c, then or d', () => {
    const a = cond('status', 'equal_to', ['open'], 'or');
    const b = cond('status', 'equal_to', ['pending'], 'and');
    const c = cond('priority', 'equal_to', ['high'], 'or');
    const d = cond('priority', 'equal_to', ['low'], null);
    expect(filterQuery([a, b, c, d], CTX)).toEqual({
      $or: [
        {
          $and: [
            {
              $or: [{ status: { $in: ['open', 'in_progress'] } }, { status: { $in: ['on_hold'] } }],
            },
            { priority: { $in: ['high'] } },
          ],
        },
        { priority: { $in: ['low'] } },
      ],
    });
  });

  it('joins a run of the same operator into one list; no conditions select everything', () => {
    const open = cond('status', 'equal_to', ['open'], 'and');
    const high = cond('priority', 'equal_to', ['high'], 'and');
    const query = filterQuery([open, high, cond('channel_id', 'is_present')], CTX);
    expect((query.$and as unknown[]).length).toBe(3);
    expect(filterQuery([], CTX)).toEqual({});
  });

  it('says when the conditions need the accounts’ channels or the custom slots', () => {
    expect(namesAccount([cond('account_id', 'is_present')])).toBe(true);
    expect(namesAccount([cond('status', 'is_present')])).toBe(false);
    expect(namesCustom([cond('custom_attribute:plan', 'is_present')])).toBe(true);
    expect(namesCustom([cond('content', 'is_present')])).toBe(false);
  });
});

describe('CustomFilterCreate', () => {
  const query = { payload: [cond('status', 'equal_to', ['open'])] };
  const locOf = (input: unknown, schema = CustomFilterCreate) =>
    schema.safeParse(input).error?.issues.map((issue) => issue.path);

  it('takes seed 003’s filter, conversation by default, "nil" read as no operator', () => {
    const parsed = CustomFilterCreate.parse({
      name: ' Mine ',
      query: { payload: [{ ...query.payload[0], query_operator: 'nil' }] },
    });
    expect(parsed).toEqual({ name: 'Mine', filter_type: 'conversation', query });
  });

  it.each<[unknown, (string | number)[]]>([
    [{ name: '', query }, ['name']],
    [{ name: 'x'.repeat(81), query }, ['name']],
    [{ name: 'Mine', filter_type: 'contact', query }, ['filter_type']],
    [{ name: 'Mine', filter_type: 'people', query }, ['filter_type']],
    [{ name: 'Mine', query: { payload: [] } }, ['query', 'payload']],
    [
      { name: 'Mine', query: { payload: [cond('mood', 'equal_to', ['x'])] } },
      ['query', 'payload', 0, 'attribute_key'],
    ],
    [
      {
        name: 'Mine',
        query: { payload: [query.payload[0], cond('message_type', 'equal_to', ['incoming'])] },
      },
      ['query', 'payload', 1, 'attribute_key'],
    ],
    [
      {
        name: 'Mine',
        query: { payload: [{ ...cond('status', 'equal_to'), filter_operator: 'like' }] },
      },
      ['query', 'payload', 0, 'filter_operator'],
    ],
  ])('refuses %j naming %j', (input, loc) => {
    expect(locOf(input)).toContainEqual(loc);
  });

  it('says a contact filter is not supported yet', () => {
    const issue = CustomFilterCreate.safeParse({ name: 'x', filter_type: 'contact', query }).error
      ?.issues[0];
    expect(issue?.message).toBe('contact filters are not supported yet; use conversation');
  });

  it('refuses an update with nothing to change', () => {
    expect(CustomFilterUpdate.safeParse({}).success).toBe(false);
    expect(CustomFilterUpdate.parse({ name: 'New' })).toEqual({ name: 'New' });
  });
});
