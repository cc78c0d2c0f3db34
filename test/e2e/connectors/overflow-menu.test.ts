import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, TRIAGE, card, newRequest, requestOf } from '../requests/world.js';
import { helpdeskModal, ticketOf, zendeskWorld, type ZendeskWorld } from './world.js';

interface Element {
  type: string;
  action_id: string;
  options?: { text: { type: string; text: string }; value: string }[];
}

/** The card's actions block: its block id and elements. */
async function actionsOf(t: TestBot, rootTs: string) {
  const blocks = (await card(t, rootTs)) as {
    type: string;
    block_id?: string;
    elements?: Element[];
  }[];
  const block = blocks.find((b) => b.type === 'actions');
  return { blockId: block?.block_id as string, elements: block?.elements ?? [] };
}

describe('the triage card’s overflow menu (showOverflowMenu, overflow_options)', () => {
  let w: ZendeskWorld;
  const settings = (config: Record<string, unknown>) =>
    w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: { tickets: { config } } });
  beforeAll(async () => {
    w = await zendeskWorld({ showOverflowMenu: true, overflow_options: ['Create ticket'] });
  });
  afterAll(() => w.stop());

  it('offers Create ticket in the ⋯ menu instead of a button; picking it opens the modal and makes the ticket', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0MENU1', 'Cannot invite teammates');
    const request = await requestOf(t, message.ts);
    const { blockId, elements } = await actionsOf(t, message.ts);
    expect(elements.map((e) => e.action_id)).not.toContain(ACTIONS.createTicket);
    const menu = elements.find((e) => e.type === 'overflow');
    expect(menu).toEqual({
      type: 'overflow',
      action_id: ACTIONS.cardMenu,
      options: [
        {
          text: { type: 'plain_text', text: 'Create ticket' },
          value: `create_ticket:${String(request?._id)}`,
        },
      ],
    });

    // Slack's block_actions for an overflow: the picked option, no value of its own.
    await t.driver.action({
      user: AGENT,
      type: 'overflow',
      action_id: ACTIONS.cardMenu,
      block_id: blockId,
      channel: TRIAGE,
      message_ts: request?.triage.ts,
      selected_option: {
        text: { type: 'plain_text', text: 'Create ticket', emoji: true },
        value: `create_ticket:${String(request?._id)}`,
      },
    });
    const modal = await t.sim.waitFor(() => helpdeskModal(t));
    expect(modal.view).toMatchObject({
      callback_id: VIEWS.helpdeskTicket,
      private_metadata: String(request?._id),
    });
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: {
        ht_subject: { value: { type: 'plain_text_input', value: 'Invites fail for Acme' } },
        ht_priority: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'urgent' }, value: 'urgent' },
          },
        },
        ht_urgency: { value: { type: 'static_select', selected_option: null } },
        ht_type: { value: { type: 'static_select', selected_option: null } },
        ht_tags: { value: { type: 'plain_text_input', value: null } },
      },
    });
    const ticket = await ticketOf(t, message.ts);
    expect(zendesk.ticket(ticket.id)).toMatchObject({
      subject: 'Invites fail for Acme',
      priority: 'urgent',
    });
    expect(zendesk.tickets.filter((z) => z.subject === 'Invites fail for Acme')).toHaveLength(1);
    // With a ticket there is nothing left to offer: no menu.
    await t.sim.waitFor(async () =>
      (await actionsOf(t, message.ts)).elements.every((e) => e.type !== 'overflow'),
    );
  }, 20_000);

  it('offers Create ticket when the menu is on with no options, and buttons when it is off', async () => {
    const { t } = w;
    expect((await settings({ overflow_options: [] })).status).toBe(200);
    const first = await newRequest(t, 'U0MENU2', 'Billing export missing');
    const menu = (await actionsOf(t, first.ts)).elements.find((e) => e.type === 'overflow');
    expect(menu?.options?.map((o) => o.text.text)).toEqual(['Create ticket']);

    expect((await settings({ showOverflowMenu: false })).status).toBe(200);
    try {
      const second = await newRequest(t, 'U0MENU3', 'Audit log is empty');
      const { elements } = await actionsOf(t, second.ts);
      expect(elements.map((e) => e.action_id)).toContain(ACTIONS.createTicket);
      expect(elements.some((e) => e.action_id === ACTIONS.cardMenu)).toBe(false);
    } finally {
      await settings({ showOverflowMenu: true, overflow_options: ['Create ticket'] });
    }
  });

  it('refuses an option name outside the vocabulary with a 422 naming the item, storing nothing', async () => {
    const { t } = w;
    const refused = await settings({ overflow_options: ['Create ticket', 'Delete everything'] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'update', 'tickets', 'config', 'overflow_options', 1],
        msg: 'must be one of "Create ticket", "Raise internal ticket", "Summarise"',
      }),
    ]);
    const twice = await settings({ overflow_options: ['Summarise', 'Summarise'] });
    expect(twice.status).toBe(422);
    expect(twice.body.detail[0].loc).toEqual([
      'body',
      'update',
      'tickets',
      'config',
      'overflow_options',
    ]);
    const channel = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    const stored = channel?.settings.overrides.find(
      (o: { key: string }) => o.key === 'tickets.config.overflow_options',
    );
    expect(stored?.value).toEqual(['Create ticket']);
  });
});
