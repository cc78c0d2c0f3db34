import {
  RuleAction,
  RuleCondition,
  RuleCreate,
  byRule,
  conditionHolds,
  ruleBy,
  ruleMatches,
  type Condition,
  type RuleFacts,
} from '../../../src/desk/automation.js';
import { actorMention } from '../../../src/text/mrkdwn.js';

const FACTS: RuleFacts = {
  status: 'open',
  priority: 'high',
  labels: ['billing', 'vip'],
  severity: null,
  assignee_id: null,
  channel_id: 'C0SUPPORT',
  account_id: 'acc1',
  content: 'Major OUTAGE in eu-west',
  message_type: null,
  custom: { plan: 'Enterprise', seats: 40 },
};

const cond = (
  attribute_key: string,
  filter_operator: Condition['filter_operator'],
  values: unknown[] = [],
  query_operator: Condition['query_operator'] = null,
): Condition => ({ attribute_key, filter_operator, values, query_operator });

describe('conditionHolds', () => {
  it.each<[Condition, boolean]>([
    [cond('status', 'equal_to', ['open']), true],
    [cond('status', 'equal_to', ['resolved', 'pending']), false],
    [cond('status', 'not_equal_to', ['resolved']), true],
    [cond('priority', 'equal_to', ['HIGH']), true],
    [cond('content', 'contains', ['outage']), true],
    [cond('content', 'contains', ['refund', 'outage']), true],
    [cond('content', 'does_not_contain', ['outage']), false],
    [cond('content', 'does_not_contain', ['refund']), true],
    [cond('labels', 'equal_to', ['vip']), true],
    [cond('labels', 'not_equal_to', ['vip']), false],
    [cond('labels', 'contains', ['bill']), true],
    [cond('severity', 'is_present'), false],
    [cond('severity', 'is_not_present'), true],
    [cond('assignee_id', 'is_not_present'), true],
    [cond('channel_id', 'equal_to', ['C0SUPPORT']), true],
    [cond('account_id', 'is_present'), true],
    [cond('custom_attribute:plan', 'equal_to', ['enterprise']), true],
    [cond('custom_attribute:seats', 'equal_to', [40]), true],
    [cond('custom_attribute:region', 'is_present'), false],
  ])('%j → %s', (condition, expected) => {
    expect(conditionHolds(condition, FACTS)).toBe(expected);
  });

  it.each<[Condition, 'incoming' | 'outgoing' | null, boolean]>([
    [cond('message_type', 'equal_to', ['incoming']), 'incoming', true],
    [cond('message_type', 'equal_to', ['incoming']), 'outgoing', false],
    [cond('message_type', 'not_equal_to', ['outgoing']), 'incoming', true],
    // Not a message event: no message kind.
    [cond('message_type', 'is_present'), null, false],
  ])('%j on a %s message → %s', (condition, kind, expected) => {
    expect(conditionHolds(condition, { ...FACTS, message_type: kind })).toBe(expected);
  });

  it('treats empty labels and empty text as not present', () => {
    const empty = { ...FACTS, labels: [], content: '' };
    expect(conditionHolds(cond('labels', 'is_present'), empty)).toBe(false);
    expect(conditionHolds(cond('content', 'is_not_present'), empty)).toBe(true);
  });
});

describe('ruleMatches', () => {
  const yes = cond('status', 'equal_to', ['open']);
  const no = cond('status', 'equal_to', ['resolved']);
  const join = (c: Condition, op: 'and' | 'or') => ({ ...c, query_operator: op });
  it.each<[string, Condition[], boolean]>([
    ['no conditions always match', [], true],
    ['one true', [yes], true],
    ['true and false', [join(yes, 'and'), no], false],
    ['true or false', [join(yes, 'or'), no], true],
    ['false or true', [join(no, 'or'), yes], true],
    ['a missing operator joins with and', [yes, no], false],
    ['left to right: (false or true) and false', [join(no, 'or'), join(yes, 'and'), no], false],
    ['left to right: (true and false) or true', [join(yes, 'and'), join(no, 'or'), yes], true],
  ])('%s', (_name, conditions, expected) => {
    expect(ruleMatches(conditions, FACTS)).toBe(expected);
  });
});

describe('rule validation', () => {
  const rule = {
    name: 'Outage',
    event_name: 'conversation_created',
    conditions: [
      {
        attribute_key: 'content',
        filter_operator: 'contains',
        values: ['outage'],
        query_operator: 'nil',
      },
    ],
    actions: [{ action_name: 'set_severity', action_params: ['High'] }],
  };

  it('accepts seed 003 shape, reading "nil" as no operator and filling defaults', () => {
    const parsed = RuleCreate.parse(rule);
    expect(parsed).toMatchObject({ active: true, description: '' });
    expect(parsed.conditions[0]?.query_operator).toBeNull();
  });

  it.each([
    [{ attribute_key: 'mood', filter_operator: 'equal_to' }, ['attribute_key']],
    [{ attribute_key: 'status', filter_operator: 'like' }, ['filter_operator']],
    [
      { attribute_key: 'status', filter_operator: 'is_present', query_operator: 'xor' },
      ['query_operator'],
    ],
    [{ attribute_key: 'custom_attribute:', filter_operator: 'is_present' }, ['attribute_key']],
  ])('refuses the condition %j at %j', (condition, path) => {
    const result = RuleCondition.safeParse(condition);
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
  });

  it.each([
    [{ action_name: 'explode', action_params: [] }, ['action_name']],
    [{ action_name: 'set_severity', action_params: [] }, ['action_params']],
    [{ action_name: 'add_label', action_params: [] }, ['action_params']],
    [{ action_name: 'send_slack_message', action_params: ['C0INC'] }, ['action_params']],
    [{ action_name: 'send_webhook_event', action_params: [] }, ['action_params']],
    [
      { action_name: 'send_webhook_event', action_params: ['ftp://x.example/h'] },
      ['action_params'],
    ],
    [{ action_name: 'send_webhook_event', action_params: ['not a url'] }, ['action_params']],
    [
      {
        action_name: 'send_webhook_event',
        action_params: ['https://a.example', 'https://b.example'],
      },
      ['action_params'],
    ],
  ])('refuses the action %j at %j', (action, path) => {
    const result = RuleAction.safeParse(action);
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
  });

  it('takes message_created rules on the message kind, and send_webhook_event with one URL', () => {
    const parsed = RuleCreate.parse({
      ...rule,
      event_name: 'message_created',
      conditions: [
        { attribute_key: 'message_type', filter_operator: 'equal_to', values: ['incoming'] },
      ],
      actions: [{ action_name: 'send_webhook_event', action_params: ['https://hooks.example/r'] }],
    });
    expect(parsed).toMatchObject({
      event_name: 'message_created',
      actions: [{ action_name: 'send_webhook_event', action_params: ['https://hooks.example/r'] }],
    });
  });

  it('names the index of the bad condition', () => {
    const bad = {
      ...rule,
      conditions: [rule.conditions[0], { attribute_key: 'x', filter_operator: 'equal_to' }],
    };
    const result = RuleCreate.safeParse(bad);
    expect(result.error?.issues[0]?.path).toEqual(['conditions', 1, 'attribute_key']);
  });
});

describe('the loop guard and how a rule is named', () => {
  it('marks a rule’s changes and shows its name', () => {
    const by = ruleBy('65a1', 'Outage: page');
    expect(byRule(by)).toBe(true);
    expect(byRule('U0ALICE')).toBe(false);
    expect(byRule('api:ops')).toBe(false);
    expect(actorMention(by)).toBe('*Outage: page* (automation)');
  });
});
