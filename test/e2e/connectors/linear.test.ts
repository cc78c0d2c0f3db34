import { ACTIONS } from '../../../src/constants.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  cardText,
  click,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';
import {
  clickCreateTicket,
  helpdeskModal,
  linearWorld,
  retriedComment,
  threadTexts,
  ticketOf,
  ticketedRequest,
  type LinearWorld,
} from './world.js';

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

describe('Linear issues from Slack requests', () => {
  let w: LinearWorld;
  beforeAll(async () => {
    w = await linearWorld({
      send_threads_to_connectors: true,
      change_stage_for_closed_ticket: true,
      change_stage_for_non_closed_ticket: true,
      reply_on_closure: true,
      reply_on_closure_message: 'Engineering marked this done.',
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.linear.calls.length = 0;
    w.linear.faults.length = 0;
  });

  const titled = (title: string) => w.linear.issues.filter((i) => i.title === title);

  const ticketed = (customer: string, text: string) => ticketedRequest(w.t, customer, text);

  it('makes one issue in the team from 🎫, its id the intent’s, linked in the thread and on the card', async () => {
    const { t, linear } = w;
    const { message, ticket, key } = await ticketed('U0LIN1', 'Sync drops rows\nSince 9:00.');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT_2, 'ticket');
    const [issue] = titled('Sync drops rows');
    expect(titled('Sync drops rows')).toHaveLength(1);
    expect(issue).toMatchObject({ identifier: key, description: 'Sync drops rows\nSince 9:00.' });
    expect(linear.stateOf(issue)).toBe('Todo');
    const stored = await requestOf(t, message.ts);
    const task = await t.db
      .collection('connector_tasks')
      .findOne({ requestId: String(stored?._id), kind: 'create' });
    expect(issue?.id).toBe(task?.taskId);
    expect(ticket).toMatchObject({
      url: `https://linear.app/acme/issue/${key}`,
      connectorId: w.connectorId,
      status: 'Todo',
    });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        `:ticket: Linear ticket <${ticket.url}|#${key}> was created from this request by <@${AGENT}>.`,
      ),
    );
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`<${ticket.url}|#${key}>`),
    );
  });

  it('makes one from the card’s Create ticket modal, its priority as Linear’s number and its urgency a line of the description', async () => {
    const { t } = w;
    const message = await newRequest(t, 'U0LIN2', 'Please add SAML');
    await clickCreateTicket(t, message.ts);
    const modal = await t.sim.waitFor(() => helpdeskModal(t));
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: {
        ht_subject: { value: { type: 'plain_text_input', value: 'SAML for Acme' } },
        ht_priority: { value: { type: 'static_select', selected_option: option('high') } },
        ht_urgency: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Critical' }, value: 'critical' },
          },
        },
      },
    });
    const ticket = await ticketOf(t, message.ts);
    expect(titled('SAML for Acme')).toEqual([
      expect.objectContaining({
        identifier: ticket.id,
        priority: 2,
        description: 'Please add SAML\n\nUrgency: Critical',
      }),
    ]);
  });

  it('makes one for every request under auto_create_ticket_from_request', async () => {
    const { t } = w;
    const on = (value: boolean) =>
      t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
        update: { requests: { config: { auto_create_ticket_from_request: value } } },
      });
    expect((await on(true)).status).toBe(200);
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Dashboard is blank');
    const ticket = await ticketOf(t, message.ts);
    expect(ticket.createdBy).toBe('bot');
    expect(titled('Dashboard is blank').map((i) => i.identifier)).toEqual([ticket.id]);
    expect((await on(false)).status).toBe(200);
  });

  it('retries a 429 after its Retry-After and an ambiguous 5xx without a second issue', async () => {
    const { linear } = w;
    linear.faults.push({ method: 'POST', path: /^issueCreate$/, status: 429, retryAfter: 1 });
    const limited = await ticketed('U0LIN3', 'Slow search');
    expect(titled('Slow search').map((i) => i.identifier)).toEqual([limited.key]);
    expect(linear.calls.filter((c) => c.field === 'issueCreate').map((c) => c.status)).toEqual([
      429, 200,
    ]);

    linear.calls.length = 0;
    linear.faults.push({ method: 'POST', path: /^issueCreate$/, status: 503, applied: true });
    const flaky = await ticketed('U0LIN4', 'Flaky gateway');
    expect(titled('Flaky gateway').map((i) => i.identifier)).toEqual([flaky.key]);
    expect(linear.calls.filter((c) => c.field !== 'teams')).toEqual([
      { field: 'issueCreate', status: 503 },
      { field: 'issue', status: 200 },
    ]);
  }, 20_000);

  it('keeps comments in sync both ways, without echo', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketed('U0LIN5', 'Webhook retries loop');
    await t.driver.customerSays(CHANNEL, 'U0LIN5', 'Still looping', { thread_ts: message.ts });
    await t.driver.agentSays(CHANNEL, AGENT, 'Checking the logs', { thread_ts: message.ts });
    await eventually(async () => (linear.issue(key)?.comments.length ?? 0) >= 2, 10_000);
    expect(linear.issue(key)?.comments.map((c) => [c.body, c.userId])).toEqual([
      ['Customer <@U0LIN5> in Slack:\n\nStill looping', 'usr-bot'],
      [`Agent <@${AGENT}> in Slack:\n\nChecking the logs`, 'usr-bot'],
    ]);

    expect(await linear.comment(key, 'Fixed in build 42.')).toBe(200);
    expect(await linear.comment(key, 'Bot wrote this', linear.users[0])).toBe(200);
    expect(await linear.comment(key, 'Deployed.')).toBe(200);
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes('*Jo Engineer* (Linear): Deployed.'),
    );
    expect(threadTexts(t, message.ts).filter((text) => text.includes('(Linear)'))).toEqual([
      '*Jo Engineer* (Linear): Fixed in build 42.',
      '*Jo Engineer* (Linear): Deployed.',
    ]);
  });

  it('makes a comment once when Linear answers 503 after making it', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketed('U0LIN9', 'Export stuck');
    linear.faults.push({ method: 'POST', path: /^commentCreate$/, status: 503, applied: true });
    await t.driver.customerSays(CHANNEL, 'U0LIN9', 'Any news?', { thread_ts: message.ts });
    expect(await retriedComment(t)).toMatchObject({ status: 'done', attempts: 2 });
    expect(linear.issue(key)?.comments.map((c) => c.body)).toEqual([
      'Customer <@U0LIN9> in Slack:\n\nAny news?',
    ]);
  }, 20_000);

  it('moves the issue’s state when the request moves, and the request when the state moves', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketed('U0LIN6', 'Export missing rows');
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => linear.stateOf(linear.issue(key)) === 'Done', 10_000);
    await click(t, message.ts, ACTIONS.reopen);
    await eventually(async () => linear.stateOf(linear.issue(key)) === 'In Progress', 10_000);

    linear.calls.length = 0;
    expect(await linear.moveTo(key, 'Done')).toBe(200);
    const closed = await requestOf(t, message.ts);
    expect(closed?.status).toBe('closed');
    expect(closed?.ticket?.status).toBe('solved');
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes('Engineering marked this done.'));
    expect(await linear.moveTo(key, 'In Progress')).toBe(200);
    expect((await requestOf(t, message.ts))?.status).toBe('open');
    expect(linear.calls).toEqual([]);
  });

  it('refuses a forged or stale call (401) and changes nothing', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketed('U0LIN7', 'Forgery target');
    const before = await requestOf(t, message.ts);
    const event = {
      action: 'update',
      type: 'Issue',
      data: { identifier: key, state: { name: 'Done', type: 'completed' } },
      updatedFrom: { stateId: 'st-todo' },
    };
    expect(await linear.send(event, 'not-the-secret')).toBe(401);
    expect(await linear.send({ ...event, webhookTimestamp: Date.now() - 5 * 60_000 })).toBe(401);
    expect(await requestOf(t, message.ts)).toEqual(before);
  });

  it('shows on the card that Linear refused the API key', async () => {
    const { t, linear } = w;
    linear.apiKey = 'lin_api_rotated';
    const message = await newRequest(t, 'U0LIN8', 'Needs an issue despite the key');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const failed = await eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.ticketIntent?.state === 'failed' ? request : undefined;
    }, 10_000);
    expect(failed.ticketIntent.error).toMatch(/^Linear answered 400: the connector’s credentials/);
    await eventually(async () =>
      (await cardText(t, message.ts)).includes('The ticket could not be created'),
    );
    expect(titled('Needs an issue despite the key')).toEqual([]);
    linear.apiKey = 'lin_api_good';
  });
});
