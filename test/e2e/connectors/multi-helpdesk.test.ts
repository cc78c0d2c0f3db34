import { AGENT, CHANNEL, newRequest } from '../requests/world.js';
import {
  WEBHOOK_SECRET,
  clickCreateTicket,
  helpdeskModal,
  ticketOf,
  zendeskWorld,
  type ZendeskWorld,
} from './world.js';

describe('several helpdesks for one channel (helpdeskIds)', () => {
  let w: ZendeskWorld;
  let second: string;
  beforeAll(async () => {
    w = await zendeskWorld();
    // A second Zendesk (the simulator serves the same API under a path: another tenant).
    const made = await w.t.api('POST', '/api/v1/connectors', {
      type: 'zendesk',
      base_url: `${w.zendesk.url}/eu`,
      credentials: {
        email: w.zendesk.email,
        api_token: w.zendesk.token,
        webhook_secret: WEBHOOK_SECRET,
      },
    });
    if (made.status !== 201) throw new Error(`connector: ${made.text}`);
    second = made.body.id as string;
    const set = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { helpdeskIds: [w.connectorId, second] } } },
    });
    if (set.status !== 200) throw new Error(`settings: ${set.text}`);
  });
  afterAll(() => w.stop());

  it('asks in the modal which helpdesk (the first to begin with) and creates the ticket in the one picked', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0MULTI1', 'Payouts delayed in the EU');
    await clickCreateTicket(t, message.ts);
    const modal = await t.sim.waitFor(() => helpdeskModal(t));
    const blocks = modal.view.blocks as {
      block_id: string;
      element: { options?: unknown[]; initial_option?: unknown };
    }[];
    expect(blocks.map((b) => b.block_id)).toEqual([
      'ht_helpdesk',
      'ht_subject',
      'ht_priority',
      'ht_urgency',
      'ht_type',
      'ht_tags',
    ]);
    const host = zendesk.url.replace('http://', '');
    const first = { text: { type: 'plain_text', text: `Zendesk · ${host}` }, value: w.connectorId };
    const eu = { text: { type: 'plain_text', text: `Zendesk · ${host}/eu` }, value: second };
    expect(blocks[0]?.element).toMatchObject({ options: [first, eu], initial_option: first });
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: {
        ht_helpdesk: { value: { type: 'static_select', selected_option: eu } },
        ht_subject: { value: { type: 'plain_text_input', value: 'EU payouts delayed' } },
        ht_priority: { value: { type: 'static_select', selected_option: null } },
        ht_urgency: { value: { type: 'static_select', selected_option: null } },
        ht_type: { value: { type: 'static_select', selected_option: null } },
        ht_tags: { value: { type: 'plain_text_input', value: null } },
      },
    });
    const ticket = await ticketOf(t, message.ts);
    expect(ticket).toMatchObject({
      connectorId: second,
      url: `${zendesk.url}/eu/agent/tickets/${ticket.id}`,
    });
    expect(zendesk.tickets.filter((z) => z.subject === 'EU payouts delayed')).toHaveLength(1);
  }, 20_000);

  it('makes 🎫’s ticket in the first helpdesk, with no modal', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0MULTI2', 'Refund stuck');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const ticket = await ticketOf(t, message.ts);
    expect(ticket).toMatchObject({
      connectorId: w.connectorId,
      url: `${zendesk.url}/agent/tickets/${ticket.id}`,
    });
  });

  it('refuses a helpdeskIds naming no connector of the workspace (422), keeping both', async () => {
    const { t } = w;
    const refused = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: {
        tickets: { config: { helpdeskIds: [w.connectorId, '0123456789abcdef01234567'] } },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0]).toMatchObject({
      loc: ['body', 'update', 'tickets.config.helpdeskIds'],
      msg: expect.stringContaining('0123456789abcdef01234567'),
    });
    const channel = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    const stored = channel?.settings.overrides.find(
      (o: { key: string }) => o.key === 'tickets.config.helpdeskIds',
    );
    expect(stored?.value).toEqual([w.connectorId, second]);
  });
});
