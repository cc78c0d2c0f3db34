import { ACTIONS } from '../../../src/constants.js';
import { RequestStore } from '../../../src/db/repositories/requests.js';
import { channelContext } from '../../../src/services/requests/context.js';
import { ruleHooks } from '../../../src/services/rules/run.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  cardText,
  click,
  customerWorld,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';

const INCIDENTS = 'C0INCIDENTS';
const PATH = '/api/v1/automation_rules';

interface Run {
  conversation_id: string;
  event_name: string;
  result: string;
  actions: { action_name: string; outcome: string; error: string | null }[];
}

describe('automation rules act on requests through the same services as a person', () => {
  let t: TestBot;
  const runsOf = async (id: string) => (await t.api('GET', `${PATH}/${id}/runs`)).body as Run[];
  const rule = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', PATH, body);
    if (res.status !== 201) throw new Error(res.text);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await customerWorld({
      requests: { support: { tags: [{ name: 'Incident', value: 'incident' }] } },
    });
    t.sim.addChannel({ id: INCIDENTS, name: 'incidents', members: [t.sim.botUserId] });
  });
  afterAll(() => t.stop());

  it('a customer’s message about an outage gets severity, a label, an assignee and a post in #incidents', async () => {
    const id = await rule({
      name: 'Outage',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['outage'] }],
      actions: [
        { action_name: 'set_severity', action_params: ['High'] },
        { action_name: 'add_label', action_params: ['Incident'] },
        { action_name: 'assign_agent', action_params: [AGENT] },
        { action_name: 'send_slack_message', action_params: [INCIDENTS, 'Outage reported'] },
      ],
    });

    const calm = await newRequest(t, 'U0ERIN', 'How do I export invoices?');
    const loud = await newRequest(t, 'U0FRANK', 'Total OUTAGE of the dashboard');
    const runs = await eventually(async () => {
      const listed = await runsOf(id);
      return listed.length > 0 ? listed : undefined;
    });
    const stored = await requestOf(t, loud.ts);
    expect(runs).toEqual([
      {
        id: expect.any(String),
        rule_id: id,
        conversation_id: String(stored?._id),
        event_name: 'conversation_created',
        result: 'done',
        at: expect.any(String),
        actions: ['set_severity', 'add_label', 'assign_agent', 'send_slack_message'].map(
          (action_name) => ({ action_name, outcome: 'done', error: null }),
        ),
      },
    ]);
    expect(stored).toMatchObject({ severity: 'High', tags: ['incident'], assigneeId: AGENT });
    const by = `rule:${id}:Outage`;
    expect(stored?.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'severity', to: 'High', by }),
        expect.objectContaining({ by }),
      ]),
    );
    expect(t.sim.messages(INCIDENTS).map((m) => m.text)).toEqual(['Outage reported']);
    const shown = await cardText(t, loud.ts);
    expect(shown).toContain('High');
    // The opening's hooks run again (a redelivered opening): the rule does not run twice.
    const deps = t.bot.deps;
    const doc = await new RequestStore(deps.models).byKey(String(stored?._id));
    const slack = await deps.slack(t.teamId);
    const ctx = await channelContext(deps, slack, t.teamId, String(stored?.channelId));
    await ruleHooks.created?.(deps, ctx!, doc!);
    expect(await runsOf(id)).toHaveLength(1);
    expect(t.sim.messages(INCIDENTS)).toHaveLength(1);
    expect(await requestOf(t, calm.ts)).toMatchObject({
      severity: null,
      tags: [],
      assigneeId: null,
    });
    await t.api('DELETE', `${PATH}/${id}`);
  });

  it('a rule that only sets attributes applies them as the request opens: one card post, one event, one run however often the opening comes', async () => {
    const id = await rule({
      name: 'Exports',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['export'] }],
      actions: [
        { action_name: 'add_label', action_params: ['Incident'] },
        { action_name: 'change_priority', action_params: ['urgent'] },
        { action_name: 'set_severity', action_params: ['Nope'] },
      ],
    });
    const updatesBefore = t.sim.calls('chat.update').length;
    const message = await newRequest(t, 'U0IVY', 'The nightly export failed again');
    const stored = await requestOf(t, message.ts);
    const by = `rule:${id}:Exports`;
    expect(stored).toMatchObject({ tags: ['incident'], priority: 'urgent', severity: null });
    expect(stored?.history.filter((h: { by: string }) => h.by === by)).toEqual([
      expect.objectContaining({ type: 'tags', from: null, to: 'incident' }),
      expect.objectContaining({ type: 'priority', from: null, to: 'urgent' }),
    ]);
    // The card was posted with the label and priority, and never redrawn for them.
    expect(await cardText(t, message.ts)).toContain('incident');
    expect(t.sim.calls('chat.update').length).toBe(updatesBefore);
    // One event for webhooks: the opening, with the attributes in it (no conversation_updated).
    const events = (stored?.webhookEvents ?? []).map((e: { event: string }) => e.event);
    expect(events.filter((e: string) => e !== 'conversation_created')).toEqual([]);
    const runs = await eventually(async () => {
      const listed = await runsOf(id);
      return listed.length > 0 ? listed : undefined;
    });
    expect(runs).toEqual([
      expect.objectContaining({
        result: 'failed',
        actions: [
          { action_name: 'add_label', outcome: 'done', error: null },
          { action_name: 'change_priority', outcome: 'done', error: null },
          {
            action_name: 'set_severity',
            outcome: 'failed',
            error: expect.stringContaining('unknown severity "Nope"'),
          },
        ],
      }),
    ]);
    // The opening's hooks again (a redelivered opening, another instance): still one run.
    const deps = t.bot.deps;
    const doc = await new RequestStore(deps.models).byKey(String(stored?._id));
    const slack = await deps.slack(t.teamId);
    const ctx = await channelContext(deps, slack, t.teamId, String(stored?.channelId));
    await Promise.all([
      ruleHooks.created?.(deps, ctx!, doc!),
      ruleHooks.created?.(deps, ctx!, doc!),
    ]);
    expect(await runsOf(id)).toHaveLength(1);
    expect(await requestOf(t, message.ts)).toMatchObject({ tags: ['incident'] });
    await t.api('DELETE', `${PATH}/${id}`);
  });

  it('a rule’s own changes never trigger rules again (two rules that would ping-pong)', async () => {
    const reopen = await rule({
      name: 'Reopen held',
      event_name: 'conversation_status_changed',
      conditions: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['pending'] }],
      actions: [{ action_name: 'change_status', action_params: ['open'] }],
    });
    const hold = await rule({
      name: 'Hold open',
      event_name: 'conversation_status_changed',
      conditions: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'] }],
      actions: [{ action_name: 'change_status', action_params: ['pending'] }],
    });
    const message = await newRequest(t, 'U0GINA', 'Please check my account');
    await click(t, message.ts, ACTIONS.assignToMe, AGENT);
    await click(t, message.ts, ACTIONS.onHold, AGENT);
    const runs = await eventually(async () => {
      const listed = await runsOf(reopen);
      return listed.length > 0 ? listed : undefined;
    });
    expect(runs.map((r) => r.result)).toEqual(['done']);
    const stored = await requestOf(t, message.ts);
    expect(stored?.status).not.toBe('on_hold');
    expect(await runsOf(hold)).toEqual([]);
    const changes = (stored?.history ?? []).filter((h: { by?: string }) =>
      String(h.by).startsWith('rule:'),
    );
    expect(changes).toHaveLength(1);
    await t.api('DELETE', `${PATH}/${reopen}`);
    await t.api('DELETE', `${PATH}/${hold}`);
  });

  it('records an action that fails (a label the channel does not offer) and still runs the next', async () => {
    const id = await rule({
      name: 'Billing',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: ['invoice'] }],
      actions: [
        { action_name: 'add_label', action_params: ['no-such-label'] },
        { action_name: 'change_priority', action_params: ['high'] },
      ],
    });
    const message = await newRequest(t, 'U0HANK', 'Where is my invoice?');
    const [run] = await eventually(async () => {
      const listed = await runsOf(id);
      return listed.length > 0 ? listed : undefined;
    });
    expect(run).toMatchObject({
      result: 'failed',
      actions: [
        {
          action_name: 'add_label',
          outcome: 'failed',
          error: expect.stringContaining('no-such-label'),
        },
        { action_name: 'change_priority', outcome: 'done', error: null },
      ],
    });
    expect(await requestOf(t, message.ts)).toMatchObject({ tags: [], priority: 'high' });
    await t.api('DELETE', `${PATH}/${id}`);
  });
});
