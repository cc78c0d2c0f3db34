import type { ActionName, RuleFacts } from '../../../src/desk/automation.js';
import { planOpening, type OpeningRule } from '../../../src/desk/rule-opening.js';

const AT = new Date('2026-11-30T09:00:00Z');
const FACTS: RuleFacts = {
  status: 'open',
  priority: null,
  labels: [],
  severity: null,
  assignee_id: null,
  channel_id: 'C0SUPPORT',
  account_id: null,
  content: 'The nightly export is DOWN',
  message_type: null,
  custom: {},
};
const CHOICES = {
  tags: [
    { name: 'Export', value: 'export' },
    { name: 'Outage', value: 'outage' },
  ],
  severity: [{ name: 'High', value: 'high' }],
};
const contains = (word: string) => ({
  attribute_key: 'content',
  filter_operator: 'contains' as const,
  values: [word],
  query_operator: null,
});
const act = (action_name: ActionName, ...params: string[]) => ({
  action_name,
  action_params: params,
});
const rule = (id: string, word: string, ...actions: ReturnType<typeof act>[]): OpeningRule => ({
  id,
  name: id.toUpperCase(),
  conditions: [contains(word)],
  actions,
});

describe('planOpening: the attributes conversation_created rules give a request as it opens', () => {
  it('applies the matching rules in order, each change with a history entry by its rule', () => {
    const plan = planOpening(
      [
        rule('r1', 'export', act('add_label', 'Export'), act('change_priority', 'high')),
        rule('r2', 'invoice', act('add_label', 'Outage')),
        rule('r3', 'down', act('add_label', 'outage', 'export'), act('set_severity', 'HIGH')),
        rule('r4', 'down', act('remove_label', 'EXPORT'), act('change_priority', 'none')),
      ],
      FACTS,
      CHOICES,
      AT,
    );
    expect(plan.attributes).toEqual({
      tags: ['outage'],
      severity: 'high',
      priority: null,
      history: [
        { at: AT, type: 'tags', from: null, to: 'export', by: 'rule:r1:R1' },
        { at: AT, type: 'priority', from: null, to: 'high', by: 'rule:r1:R1' },
        { at: AT, type: 'tags', from: 'export', to: 'export, outage', by: 'rule:r3:R3' },
        { at: AT, type: 'severity', from: null, to: 'high', by: 'rule:r3:R3' },
        { at: AT, type: 'tags', from: 'export, outage', to: 'outage', by: 'rule:r4:R4' },
        { at: AT, type: 'priority', from: 'high', to: null, by: 'rule:r4:R4' },
      ],
    });
    expect([...plan.outcomes.keys()]).toEqual(['r1', 'r3', 'r4']);
  });

  it('records a refused action and goes on; other actions are left for after the opening', () => {
    const plan = planOpening(
      [
        rule(
          'r1',
          'export',
          act('add_label', 'nope'),
          act('assign_agent', 'U0ALICE'),
          act('set_severity', 'Critical'),
          act('change_priority', 'soon'),
          act('add_label', 'export'),
        ),
      ],
      FACTS,
      CHOICES,
      AT,
    );
    expect(plan.attributes).toMatchObject({ tags: ['export'], severity: null, priority: null });
    expect(plan.outcomes.get('r1')).toEqual([
      { action_name: 'add_label', outcome: 'failed', error: expect.stringContaining('"nope"') },
      {
        action_name: 'set_severity',
        outcome: 'failed',
        error: expect.stringContaining('"Critical"'),
      },
      { action_name: 'change_priority', outcome: 'failed', error: 'unknown priority "soon"' },
      { action_name: 'add_label', outcome: 'done', error: null },
    ]);
  });

  it('a setting that changes nothing is done with no history entry', () => {
    const plan = planOpening(
      [rule('r1', 'export', act('remove_label', 'export'), act('change_priority', 'none'))],
      FACTS,
      CHOICES,
      AT,
    );
    expect(plan.attributes.history).toEqual([]);
    expect(plan.outcomes.get('r1')?.map((o) => o.outcome)).toEqual(['done', 'done']);
  });
});
