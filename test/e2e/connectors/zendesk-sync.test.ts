import { ACTIONS } from '../../../src/constants.js';
import {
  AGENT,
  CHANNEL,
  cardText,
  click,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';
import { retriedComment, threadTexts, ticketOf, zendeskWorld, type ZendeskWorld } from './world.js';

describe('a Zendesk ticket kept in sync with its request', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld({
      send_threads_to_connectors: true,
      change_stage_for_closed_ticket: true,
      change_stage_for_non_closed_ticket: true,
      reply_on_closure: true,
      reply_on_closure_message: 'Your ticket was solved; reply here if anything is left.',
    });
  });
  afterAll(() => w.stop());

  /** A request with its Zendesk ticket made (🎫). */
  async function ticketed(customer: string, text: string) {
    const message = await newRequest(w.t, customer, text);
    await w.t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const ticket = await ticketOf(w.t, message.ts);
    return { message, ticket, id: Number(ticket.id) };
  }

  it('adds thread replies as comments: the customer’s public, the agent’s internal', async () => {
    const { t, zendesk } = w;
    const { message, id } = await ticketed('U0SYNC1', 'Login loops forever');
    await t.driver.customerSays(CHANNEL, 'U0SYNC1', 'It also happens on mobile', {
      thread_ts: message.ts,
    });
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it now', { thread_ts: message.ts });
    await eventually(async () => (zendesk.ticket(id)?.comments.length ?? 0) >= 3, 10_000);
    expect(zendesk.ticket(id)?.comments.slice(1)).toEqual([
      expect.objectContaining({
        body: 'Customer <@U0SYNC1> in Slack:\n\nIt also happens on mobile',
        public: true,
      }),
      expect.objectContaining({
        body: `Agent <@${AGENT}> in Slack:\n\nLooking into it now`,
        public: false,
      }),
    ]);
  });

  it('makes a comment once when Zendesk answers 502 after adding it', async () => {
    const { t, zendesk } = w;
    const { message, id } = await ticketed('U0SYNC9', 'Export stuck');
    zendesk.faults.push({
      method: 'PUT',
      path: /\/tickets\/\d+\.json$/,
      status: 502,
      applied: true,
    });
    await t.driver.customerSays(CHANNEL, 'U0SYNC9', 'Any news?', { thread_ts: message.ts });
    expect(await retriedComment(t)).toMatchObject({ status: 'done', attempts: 2 });
    expect(
      zendesk
        .ticket(id)
        ?.comments.slice(1)
        .map((c) => c.body),
    ).toEqual(['Customer <@U0SYNC9> in Slack:\n\nAny news?']);
  }, 20_000);

  it('posts a Zendesk agent’s public comment in the thread once, and none the bot wrote or internal', async () => {
    const { t, zendesk } = w;
    const { message, id } = await ticketed('U0SYNC2', 'Report export is empty');
    expect(await zendesk.events.comment(id, 'We found the cause, a fix ships today.')).toBe(200);
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        '*Zoe Agent* (Zendesk): We found the cause, a fix ships today.',
      ),
    );
    expect(await zendesk.events.comment(id, 'Bot wrote this', { author: zendesk.botUser })).toBe(
      200,
    );
    expect(await zendesk.events.comment(id, 'Internal: check the logs', { public: false })).toBe(
      200,
    );
    // Zendesk delivering the same comment twice: posted once.
    const twice = {
      type: 'zen:event-type:ticket.comment_added',
      detail: { id: String(id) },
      event: {
        comment: {
          id: 4242,
          body: 'Sent twice',
          is_public: true,
          author: { id: zendesk.agent.id, name: zendesk.agent.name },
        },
      },
    };
    expect(await zendesk.events.send(twice)).toBe(200);
    expect(await zendesk.events.send(twice)).toBe(200);
    expect(await zendesk.events.comment(id, 'And it is deployed.')).toBe(200);
    await t.sim.waitFor(() => threadTexts(t, message.ts).some((text) => text.includes('deployed')));
    const fromZendesk = threadTexts(t, message.ts).filter((text) => text.includes('(Zendesk)'));
    expect(fromZendesk).toEqual([
      '*Zoe Agent* (Zendesk): We found the cause, a fix ships today.',
      '*Zoe Agent* (Zendesk): Sent twice',
      '*Zoe Agent* (Zendesk): And it is deployed.',
    ]);
  });

  it('refuses a forged, unsigned or unknown-connector call (401/404) and changes nothing', async () => {
    const { t, zendesk, connectorId } = w;
    const { message, id } = await ticketed('U0SYNC3', 'Webhooks are delayed');
    const before = await requestOf(t, message.ts);
    const thread = threadTexts(t, message.ts);
    const forged = {
      type: 'zen:event-type:ticket.status_changed',
      detail: { id: String(id) },
      event: { current: 'SOLVED', previous: 'OPEN' },
    };
    expect(await zendesk.events.send(forged, 'not-the-secret')).toBe(401);
    const unsigned = await fetch(`${t.bot.url}/webhooks/zendesk/${connectorId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(unsigned.status).toBe(401);
    const target = zendesk.events.target;
    zendesk.events.target = {
      url: `${t.bot.url}/webhooks/zendesk/0123456789abcdef01234567`,
      secret: 'x',
    };
    expect(await zendesk.events.send(forged)).toBe(404);
    zendesk.events.target = target;
    const after = await requestOf(t, message.ts);
    expect(after).toEqual(before);
    expect(threadTexts(t, message.ts)).toEqual(thread);
  });

  it('moves the ticket when the request moves, and the request when the ticket moves, without echo', async () => {
    const { t, zendesk } = w;
    const { message, id } = await ticketed('U0SYNC4', 'Billing page 404s');
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => zendesk.ticket(id)?.status === 'solved', 10_000);
    await click(t, message.ts, ACTIONS.reopen);
    await eventually(async () => zendesk.ticket(id)?.status === 'open', 10_000);

    zendesk.calls.length = 0;
    expect(await zendesk.events.status(id, 'pending')).toBe(200);
    expect((await requestOf(t, message.ts))?.status).toBe('on_hold');
    expect(await zendesk.events.status(id, 'solved')).toBe(200);
    const closed = await requestOf(t, message.ts);
    expect(closed?.status).toBe('closed');
    expect(closed?.ticket.status).toBe('solved');
    expect(closed?.history.at(-1)).toMatchObject({
      type: 'status',
      to: 'closed',
      by: `connector:${w.connectorId}`,
    });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        'Your ticket was solved; reply here if anything is left.',
      ),
    );
    await eventually(async () => (await cardText(t, message.ts)).includes('(solved)'));
    // The helpdesk's own moves are not sent back to it: its calls are answered after the
    // request's hooks ran, and they queued no status task (only the two Slack's moves made).
    expect(closed?.connectorTasks).toEqual([]);
    const statusTasks = await t.db
      .collection('connector_tasks')
      .find({ requestId: String(closed?._id), kind: 'status' })
      .sort({ createdAt: 1 })
      .toArray();
    expect(statusTasks.map((task) => [task.payload.status, task.status])).toEqual([
      ['solved', 'done'],
      ['open', 'done'],
    ]);
    expect(
      zendesk.calls.filter((c) => c.method === 'PUT' && c.path.includes(`/tickets/${id}.json`)),
    ).toEqual([]);
  });
});
