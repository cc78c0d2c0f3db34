import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  cardText,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';
import {
  clickCreateTicket,
  helpdeskModal,
  threadTexts,
  ticketOf,
  zendeskWorld,
  type ZendeskWorld,
} from './world.js';

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

describe('Zendesk tickets created from Slack', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld();
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.zendesk.calls.length = 0;
    w.zendesk.faults.length = 0;
  });

  it('makes one Zendesk ticket from 🎫, linked in the thread and on the card', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(
      t,
      'U0CUST1',
      'Checkout fails with error 500\nSince this morning.',
    );
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT_2, 'ticket');
    const ticket = await ticketOf(t, message.ts);
    const made = zendesk.tickets.filter((z) => z.subject === 'Checkout fails with error 500');
    expect(made).toHaveLength(1);
    expect(ticket).toMatchObject({
      id: String(made[0]?.id),
      url: `${zendesk.url}/agent/tickets/${made[0]?.id}`,
      connectorId: w.connectorId,
      createdBy: AGENT,
    });
    const stored = await requestOf(t, message.ts);
    expect(made[0]).toMatchObject({
      external_id: expect.any(String),
      comments: [
        expect.objectContaining({
          body: 'Checkout fails with error 500\nSince this morning.',
          public: true,
        }),
      ],
    });
    expect(stored?.ticketIntent).toBeNull();
    expect(stored?.history).toContainEqual(
      expect.objectContaining({ type: 'ticket', to: ticket.id }),
    );
    await t.sim.waitFor(() => threadTexts(t, message.ts).some((text) => text.includes(ticket.url)));
    expect(threadTexts(t, message.ts).filter((text) => text.includes(':ticket:'))).toEqual([
      `:ticket: Zendesk ticket <${ticket.url}|#${ticket.id}> was created from this request by <@${AGENT}>.`,
    ]);
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`<${ticket.url}|#${ticket.id}>`),
    );
    expect(await cardText(t, message.ts)).not.toContain('Create ticket');
  });

  it('asks for the fields in a modal from the card’s Create ticket, honouring hide_* keys', async () => {
    const { t, zendesk } = w;
    const message = await newRequest(t, 'U0CUST2', 'Please add SSO for our team');
    expect(await cardText(t, message.ts)).toContain('Create ticket');
    await clickCreateTicket(t, message.ts);
    const modal = await t.sim.waitFor(() => helpdeskModal(t));
    const blocks = (modal.view.blocks as { block_id: string }[]).map((b) => b.block_id);
    expect(blocks).toEqual(['ht_subject', 'ht_priority', 'ht_urgency', 'ht_type', 'ht_tags']);
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: {
        ht_subject: { value: { type: 'plain_text_input', value: 'SSO for Acme' } },
        ht_priority: { value: { type: 'static_select', selected_option: option('high') } },
        ht_urgency: { value: { type: 'static_select', selected_option: null } },
        ht_type: { value: { type: 'static_select', selected_option: option('task') } },
        ht_tags: { value: { type: 'plain_text_input', value: 'sso, enterprise' } },
      },
    });
    const ticket = await ticketOf(t, message.ts);
    expect(zendesk.ticket(ticket.id)).toMatchObject({
      subject: 'SSO for Acme',
      priority: 'high',
      type: 'task',
      tags: ['sso', 'enterprise'],
    });

    const hidden = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { hide_priority: true, hide_tags: true } } },
    });
    expect(hidden.status).toBe(200);
    const second = await newRequest(t, 'U0CUST3', 'Export is slow');
    const before = t.sim.openedViews().length;
    await clickCreateTicket(t, second.ts);
    const next = await t.sim.waitFor(() =>
      t.sim.openedViews().length > before ? helpdeskModal(t) : undefined,
    );
    expect((next.view.blocks as { block_id: string }[]).map((b) => b.block_id)).toEqual([
      'ht_subject',
      'ht_urgency',
      'ht_type',
    ]);
  });

  it('creates at once without the modal under do_not_show_ticket_modal', async () => {
    const { t, zendesk } = w;
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { do_not_show_ticket_modal: true } } },
    });
    const before = t.sim.openedViews().length;
    const message = await newRequest(t, 'U0CUST4', 'Invoice is wrong');
    await clickCreateTicket(t, message.ts);
    const ticket = await ticketOf(t, message.ts);
    expect(zendesk.ticket(ticket.id)?.subject).toBe('Invoice is wrong');
    expect(t.sim.openedViews().length).toBe(before);
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { do_not_show_ticket_modal: false } } },
    });
  });

  it('retries a 429 after its Retry-After and a 5xx, making one ticket each time', async () => {
    const { t, zendesk } = w;
    zendesk.faults.push({
      method: 'POST',
      path: /\/tickets\.json$/,
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const limited = await newRequest(t, 'U0CUST5', 'Rate limited one');
    await t.driver.reactionAdded(CHANNEL, limited.ts, AGENT, 'ticket');
    const first = await ticketOf(t, limited.ts);
    expect(zendesk.tickets.filter((z) => z.subject === 'Rate limited one')).toHaveLength(1);
    expect(zendesk.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([
      429, 201,
    ]);
    expect(first.id).toBe(
      String(zendesk.tickets.find((z) => z.subject === 'Rate limited one')?.id),
    );

    // A 502 after Zendesk made the ticket: the retry finds it by external_id instead of making another.
    zendesk.calls.length = 0;
    zendesk.faults.push({ method: 'POST', path: /\/tickets\.json$/, status: 502, applied: true });
    const flaky = await newRequest(t, 'U0CUST6', 'Gateway flaked');
    await t.driver.reactionAdded(CHANNEL, flaky.ts, AGENT, 'ticket');
    const second = await ticketOf(t, flaky.ts);
    const made = zendesk.tickets.filter((z) => z.subject === 'Gateway flaked');
    expect(made).toHaveLength(1);
    expect(second.id).toBe(String(made[0]?.id));
    expect(zendesk.calls.map((c) => [c.method, c.path.split('?')[0], c.status])).toEqual([
      ['POST', '/api/v2/tickets.json', 502],
      ['GET', '/api/v2/tickets.json', 200],
    ]);
  }, 20_000);

  it('shows on the card that Zendesk refused the credentials (401), and creates it once they are fixed', async () => {
    const { t, zendesk } = w;
    zendesk.token = 'rotated';
    const message = await newRequest(t, 'U0CUST7', 'Needs a ticket despite the outage');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const failed = await eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.ticketIntent?.state === 'failed' ? request : undefined;
    }, 10_000);
    expect(failed.ticketIntent.error).toMatch(/Zendesk answered 401/);
    expect(failed.ticket).toBeNull();
    await eventually(async () =>
      (await cardText(t, message.ts)).includes('The ticket could not be created'),
    );
    expect(await cardText(t, message.ts)).toContain('Zendesk answered 401');
    expect(await cardText(t, message.ts)).toContain('Create ticket');
    expect(
      zendesk.tickets.filter((z) => z.subject === 'Needs a ticket despite the outage'),
    ).toEqual([]);

    zendesk.token = 'zd-token-good';
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { do_not_show_ticket_modal: true } } },
    });
    await clickCreateTicket(t, message.ts);
    await ticketOf(t, message.ts);
    expect(
      zendesk.tickets.filter((z) => z.subject === 'Needs a ticket despite the outage'),
    ).toHaveLength(1);
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { do_not_show_ticket_modal: false } } },
    });
  });
});

describe('Zendesk tickets for every request', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld(
      { invisible_only: true, map_submitter_to_requestor: true },
      { auto_create_ticket_from_request: true },
    );
  });
  afterAll(() => w.stop());

  it('creates one with the customer as requester, as an internal note under invisible_only', async () => {
    const { t, zendesk } = w;
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Our dashboard is blank');
    const ticket = await ticketOf(t, message.ts);
    const made = zendesk.ticket(ticket.id);
    const carol = zendesk.users.find((u) => u.email === 'carol@acme.example');
    expect(made).toMatchObject({
      subject: 'Our dashboard is blank',
      requester_id: carol?.id,
      comments: [expect.objectContaining({ public: false })],
    });
    expect(ticket.createdBy).toBe('bot');
    expect(zendesk.tickets).toHaveLength(1);
    await t.sim.waitFor(() => threadTexts(t, message.ts).some((text) => text.includes(ticket.url)));
  });
});
