import { JiraSimulator } from '../../support/jira/simulator.js';
import { AGENT, CHANNEL, newRequest, requestOf } from '../requests/world.js';
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

describe('the ticket modal’s Form select, only for a Zendesk helpdesk', () => {
  let w: ZendeskWorld;
  let jira: JiraSimulator;
  let jiraId: string;
  beforeAll(async () => {
    w = await zendeskWorld({ formIds: ['360001', '360002'] });
    w.zendesk.addForm(360001, 'Hardware');
    w.zendesk.addForm(360002, 'Billing');
    jira = await JiraSimulator.start();
    const made = await w.t.api('POST', '/api/v1/connectors', {
      type: 'jira',
      base_url: jira.url,
      credentials: { email: jira.email, api_token: jira.token, webhook_secret: WEBHOOK_SECRET },
      options: { project_key: 'SUP' },
    });
    if (made.status !== 201) throw new Error(`connector: ${made.text}`);
    jiraId = made.body.id as string;
    const set = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { helpdeskIds: [jiraId, w.connectorId] } } },
    });
    if (set.status !== 200) throw new Error(`settings: ${set.text}`);
  });
  afterAll(async () => {
    await w.stop();
    await jira.stop();
  });

  type Block = {
    block_id: string;
    dispatch_action?: boolean;
    element: { action_id: string; initial_option?: unknown; initial_value?: string };
  };
  const blocksOf = (t: ZendeskWorld['t'], viewId: string) =>
    (t.sim.view(viewId)?.view.blocks ?? []) as Block[];
  const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
  /** What the agent has typed and picked, as Slack sends it in `state.values`. */
  const typed = (helpdesk: unknown, subject: string, form?: unknown) => ({
    ht_helpdesk: { value: { type: 'static_select', selected_option: helpdesk } },
    ...(form === undefined
      ? {}
      : { ht_form: { value: { type: 'static_select', selected_option: form } } }),
    ht_subject: { value: { type: 'plain_text_input', value: subject } },
    ht_priority: { value: { type: 'static_select', selected_option: null } },
    ht_urgency: { value: { type: 'static_select', selected_option: null } },
    ht_type: { value: { type: 'static_select', selected_option: null } },
    ht_tags: { value: { type: 'plain_text_input', value: 'billing' } },
  });
  /** The agent picks `helpdesk` in the modal's select: Slack's `block_actions` for it. */
  const pick = (t: ZendeskWorld['t'], viewId: string, helpdesk: unknown, subject: string) =>
    t.driver.action({
      user: AGENT,
      view_id: viewId,
      block_id: 'ht_helpdesk',
      action_id: 'value',
      type: 'static_select',
      selected_option: helpdesk as { value: string },
      state: typed(helpdesk, subject),
    });

  it('shows the Form select when Zendesk is picked and hides it for Jira, keeping the other fields', async () => {
    const { t, zendesk } = w;
    const host = (url: string) => url.replace('http://', '');
    const jiraOption = option(`Jira · ${host(jira.url)}`, jiraId);
    const zendeskOption = option(`Zendesk · ${host(zendesk.url)}`, w.connectorId);
    const message = await newRequest(t, 'U0MULTI3', 'Card declined at checkout');
    await clickCreateTicket(t, message.ts);
    const modal = await t.sim.waitFor(() => helpdeskModal(t));
    // Jira first: no Form select; the helpdesk select sends each pick at once.
    const opened = blocksOf(t, modal.id);
    expect(opened.map((b) => b.block_id)).toEqual([
      'ht_helpdesk',
      'ht_subject',
      'ht_priority',
      'ht_urgency',
      'ht_type',
      'ht_tags',
    ]);
    expect(opened[0]).toMatchObject({
      dispatch_action: true,
      element: { action_id: 'value', initial_option: jiraOption },
    });
    expect(zendesk.calls.some((c) => c.path.includes('ticket_forms'))).toBe(false);

    const hash = t.sim.view(modal.id)?.hash;
    expect((await pick(t, modal.id, zendeskOption, 'Card declined (EU)')).status).toBe(200);
    await t.sim.waitFor(() => (t.sim.view(modal.id)?.hash !== hash ? true : undefined));
    expect(t.sim.calls('views.update').at(-1)?.params).toMatchObject({ view_id: modal.id, hash });
    const withForm = blocksOf(t, modal.id);
    expect(withForm.map((b) => [b.block_id, b.element.action_id])).toEqual([
      ['ht_helpdesk', 'value'],
      ['ht_form', 'value'],
      ['ht_subject', 'value'],
      ['ht_priority', 'value'],
      ['ht_urgency', 'value'],
      ['ht_type', 'value'],
      ['ht_tags', 'value'],
    ]);
    expect(withForm[0]?.element.initial_option).toEqual(zendeskOption);
    expect(withForm[1]?.element.initial_option).toEqual(option('Hardware', '360001'));
    expect(withForm[2]?.element.initial_value).toBe('Card declined (EU)');

    const again = t.sim.view(modal.id)?.hash;
    await pick(t, modal.id, jiraOption, 'Card declined (EU)');
    await t.sim.waitFor(() => (t.sim.view(modal.id)?.hash !== again ? true : undefined));
    expect(blocksOf(t, modal.id).map((b) => b.block_id)).toEqual(opened.map((b) => b.block_id));

    // Submitted with Jira and a form id (a stale one): the form is ignored, the issue made.
    const res = await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed(jiraOption, 'Card declined (EU)', option('Billing', '360002')),
    });
    expect(res.status).toBe(200);
    const ticket = await ticketOf(t, message.ts);
    expect(ticket).toMatchObject({ connectorId: jiraId });
    expect(jira.issues.filter((i) => i.summary === 'Card declined (EU)')).toHaveLength(1);
    const request = await requestOf(t, message.ts);
    const task = await t.db
      .collection('connector_tasks')
      .findOne({ requestId: String(request?._id), kind: 'create' });
    expect(task?.payload.draft.formId).toBeNull();
  }, 30_000);

  it('creates the Zendesk ticket with the form picked after switching to Zendesk', async () => {
    const { t, zendesk } = w;
    const zendeskOption = option(`Zendesk · ${zendesk.url.replace('http://', '')}`, w.connectorId);
    const message = await newRequest(t, 'U0MULTI4', 'Invoice shows the wrong VAT');
    const before = t.sim.openedViews().length;
    await clickCreateTicket(t, message.ts);
    const modal = await t.sim.waitFor(() =>
      t.sim.openedViews().length > before ? helpdeskModal(t) : undefined,
    );
    const hash = t.sim.view(modal.id)?.hash;
    await pick(t, modal.id, zendeskOption, 'Wrong VAT');
    await t.sim.waitFor(() => (t.sim.view(modal.id)?.hash !== hash ? true : undefined));
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed(zendeskOption, 'Wrong VAT', option('Billing', '360002')),
    });
    const ticket = await ticketOf(t, message.ts);
    expect(ticket).toMatchObject({ connectorId: w.connectorId });
    expect(zendesk.ticket(ticket.id)).toMatchObject({
      subject: 'Wrong VAT',
      ticket_form_id: 360002,
    });
  }, 30_000);
});
