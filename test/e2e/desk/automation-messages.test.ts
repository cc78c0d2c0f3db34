import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { until, WebhookReceiver } from '../../support/webhook-receiver.js';
import {
  AGENT,
  CHANNEL,
  customerWorld,
  eventually,
  newRequest,
  pick,
  requestOf,
} from '../requests/world.js';
import { WEBHOOK_ENV } from '../webhooks/world.js';

const START = '2026-03-02T10:00:00Z';
const PATH = '/api/v1/automation_rules';

interface Run {
  conversation_id: string;
  event_name: string;
  result: string;
  actions: { action_name: string; outcome: string; error: string | null }[];
}

/**
 * Rules on thread messages (`message_created`), on every attribute change in Slack or through the
 * API (`conversation_updated`), and `send_webhook_event` through the webhooks' outbox.
 */
describe('automation rules on messages, attribute changes and webhook events', () => {
  let t: TestBot;
  let receiver: WebhookReceiver;
  const runsOf = async (id: string) => (await t.api('GET', `${PATH}/${id}/runs`)).body as Run[];
  const ranOnce = (id: string) =>
    eventually(async () => {
      const listed = await runsOf(id);
      return listed.length > 0 ? listed : undefined;
    });
  const rule = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', PATH, body);
    if (res.status !== 201) throw new Error(res.text);
    return res.body.id as string;
  };
  const idOf = async (ts: string) => String((await requestOf(t, ts))?._id);

  beforeAll(async () => {
    t = await customerWorld(
      {
        requests: {
          support: {
            tags: [
              { name: 'Billing', value: 'billing' },
              { name: 'Incident', value: 'incident' },
            ],
          },
        },
      },
      { clock: new VirtualClock(START), env: WEBHOOK_ENV },
    );
    receiver = await WebhookReceiver.start();
    receiver.signed = false;
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  afterEach(async () => {
    for (const { id } of (await t.api('GET', PATH)).body) await t.api('DELETE', `${PATH}/${id}`);
    receiver.reset();
  });

  it('a customer’s reply about a refund gets a label and an answer; agents’ replies and the bot’s own post run nothing', async () => {
    const id = await rule({
      name: 'Refunds',
      event_name: 'message_created',
      conditions: [
        { attribute_key: 'content', filter_operator: 'contains', values: ['refund'] },
        { attribute_key: 'message_type', filter_operator: 'equal_to', values: ['incoming'] },
      ],
      actions: [
        { action_name: 'add_label', action_params: ['Billing'] },
        { action_name: 'send_message', action_params: ['Billing will follow up on the refund'] },
      ],
    });
    const opening = await newRequest(t, 'U0RUTH', 'A refund please');
    const thread = { thread_ts: opening.ts };
    // The opening is no thread message: nothing ran.
    expect(await runsOf(id)).toEqual([]);
    await t.driver.agentSays(CHANNEL, AGENT, 'Which refund do you mean?', thread);
    await t.driver.customerSays(CHANNEL, 'U0RUTH', 'The REFUND for March', thread);
    const runs = await ranOnce(id);
    expect(runs).toEqual([
      expect.objectContaining({
        conversation_id: await idOf(opening.ts),
        event_name: 'message_created',
        result: 'done',
      }),
    ]);
    expect(await requestOf(t, opening.ts)).toMatchObject({ tags: ['billing'] });
    const answer = t.sim
      .thread(CHANNEL, opening.ts)
      .find((m) => m.text === 'Billing will follow up on the refund');
    expect(answer?.user).toBe(t.sim.botUserId);
    // Slack tells the bot of its own post (it holds "refund"): no rule runs on it.
    await t.driver.message(answer!, CHANNEL);
    await t.driver.agentSays(CHANNEL, AGENT, 'The refund is on its way', thread);
    expect(await runsOf(id)).toHaveLength(1);
    const answers = t.sim.thread(CHANNEL, opening.ts).filter((m) => m.text === answer?.text);
    expect(answers).toHaveLength(1);
    // The rule's message is the conversation's too (outgoing, by the rule), and no agent's reply.
    expect(await requestOf(t, opening.ts)).toMatchObject({
      messageCounts: { incoming: 1, outgoing: 3 },
    });
    const conversation = await idOf(opening.ts);
    const listed = (await t.api('GET', `/api/v1/conversations/${conversation}/messages`)).body as {
      payload: {
        content: string;
        message_type: string;
        private: boolean;
        sender: { id: string };
      }[];
    };
    expect(listed.payload.map((m) => [m.message_type, m.sender.id, m.content])).toEqual([
      ['incoming', 'U0RUTH', 'A refund please'],
      ['outgoing', AGENT, 'Which refund do you mean?'],
      ['incoming', 'U0RUTH', 'The REFUND for March'],
      ['outgoing', `rule:${id}:Refunds`, 'Billing will follow up on the refund'],
      ['outgoing', AGENT, 'The refund is on its way'],
    ]);
  });

  it('runs conversation_updated rules on a priority set through the API and a severity picked in Slack, never on its own change', async () => {
    const id = await rule({
      name: 'Urgent is an incident',
      event_name: 'conversation_updated',
      conditions: [
        { attribute_key: 'priority', filter_operator: 'equal_to', values: ['urgent'] },
        { attribute_key: 'severity', filter_operator: 'equal_to', values: ['High'] },
      ],
      actions: [{ action_name: 'add_label', action_params: ['Incident'] }],
    });
    const message = await newRequest(t, 'U0SAM', 'Nothing loads');
    const conversation = await idOf(message.ts);
    const res = await t.api('POST', `/api/v1/conversations/${conversation}/toggle_priority`, {
      priority: 'urgent',
    });
    expect(res.status).toBe(200);
    // Urgent but no severity yet: the rule's conditions do not hold.
    expect(await runsOf(id)).toEqual([]);
    await pick(t, message.ts, ACTIONS.severity, 'High');
    const runs = await ranOnce(id);
    expect(runs.map((r) => [r.event_name, r.result])).toEqual([['conversation_updated', 'done']]);
    const stored = await requestOf(t, message.ts);
    expect(stored).toMatchObject({ priority: 'urgent', severity: 'High', tags: ['incident'] });
    // The rule's own label change matched its conditions again, yet ran no rule.
    expect(await runsOf(id)).toHaveLength(1);
    expect(stored?.history.filter((h: { by: string }) => h.by.startsWith('rule:'))).toEqual([
      expect.objectContaining({ type: 'tags', by: `rule:${id}:Urgent is an incident` }),
    ]);
  });

  it('runs conversation_updated rules on a custom attribute set through the API and labels picked in Slack', async () => {
    const plan = await t.api('POST', '/api/v1/custom_attribute_definitions', {
      attribute_display_name: 'Plan',
      attribute_display_type: 'list',
      attribute_values: ['Enterprise', 'Team'],
    });
    const picked = [{ custom_field_id: plan.body.id, _id: plan.body.id }];
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { custom_fields: picked } },
    });
    const enterprise = await rule({
      name: 'Enterprise is high',
      event_name: 'conversation_updated',
      conditions: [
        {
          attribute_key: 'custom_attribute:plan',
          filter_operator: 'equal_to',
          values: ['Enterprise'],
        },
      ],
      actions: [{ action_name: 'change_priority', action_params: ['high'] }],
    });
    const billing = await rule({
      name: 'Billing is low',
      event_name: 'conversation_updated',
      conditions: [{ attribute_key: 'labels', filter_operator: 'equal_to', values: ['billing'] }],
      actions: [{ action_name: 'set_severity', action_params: ['Low'] }],
    });
    const message = await newRequest(t, 'U0UMA', 'Our plan renews');
    const conversation = await idOf(message.ts);
    const res = await t.api('POST', `/api/v1/conversations/${conversation}/custom_attributes`, {
      custom_attributes: { plan: 'enterprise' },
    });
    expect(res.status).toBe(200);
    expect((await ranOnce(enterprise)).map((r) => r.result)).toEqual(['done']);
    await pick(t, message.ts, ACTIONS.tags, ['billing']);
    expect((await ranOnce(billing)).map((r) => r.result)).toEqual(['done']);
    expect(await requestOf(t, message.ts)).toMatchObject({
      priority: 'high',
      severity: 'Low',
      tags: ['billing'],
    });
    // Each person's change runs the rules whose conditions hold (the plan still does at the
    // pick); the rules' own changes (the priority, the severity) run none.
    expect(await runsOf(enterprise)).toHaveLength(2);
    expect(await runsOf(billing)).toHaveLength(1);
  });

  it('send_webhook_event posts the message and the conversation through the outbox, retried through an outage', async () => {
    const id = await rule({
      name: 'Mirror replies',
      event_name: 'message_created',
      actions: [{ action_name: 'send_webhook_event', action_params: [receiver.url] }],
    });
    const opening = await newRequest(t, 'U0TINA', 'Mirror me');
    receiver.down = true;
    await t.driver.customerSays(CHANNEL, 'U0TINA', 'A reply to mirror', {
      thread_ts: opening.ts,
    });
    // Refused while the receiver is down: nothing accepted yet.
    expect(await receiver.waitForReceipts(1)).toEqual([]);
    const held = await until(async () => {
      const [delivery] = await t.db
        .collection('webhook_deliveries')
        .find({ webhookId: `rule:${id}` })
        .toArray();
      return delivery?.attempts === 1 && delivery.lockedUntil === null && delivery;
    }, 'first attempt recorded');
    expect(held).toMatchObject({ status: 'pending', lastStatusCode: 503, url: receiver.url });
    expect((await runsOf(id)).map((r) => r.result)).toEqual(['done']);

    receiver.down = false;
    await t.advance(1);
    const [accepted] = await receiver.waitForAccepted(1);
    const conversation = await idOf(opening.ts);
    const shown = (await t.api('GET', `/api/v1/conversations/${conversation}/messages`)).body;
    expect(accepted?.body).toEqual({
      event: 'message_created',
      id: held.eventId,
      timestamp: Date.parse(START) / 1000,
      message: shown.payload[1],
      conversation: expect.objectContaining({ id: conversation, channel_id: CHANNEL }),
      automation_rule: { id, name: 'Mirror replies' },
    });
    expect(accepted?.verified).toBe(false);
    await until(async () => {
      const stored = await t.db.collection('webhook_deliveries').findOne({ _id: held._id });
      return stored?.status === 'delivered' && stored;
    }, 'delivered');
    expect([...receiver.acceptedById().entries()]).toEqual([[held.eventId, 1]]);
  });
});
