import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, allRequests, click, eventually, requestOf } from '../requests/world.js';
import { ticketedRequest, zendeskWorld, type ZendeskWorld } from './world.js';

/** Who each comment task of the request was asked by: waiting on it, or moved to the worker. */
async function commentAuthors(t: TestBot, rootTs: string): Promise<string[]> {
  const request = await requestOf(t, rootTs);
  const moved = await t.db
    .collection('connector_tasks')
    .find({ requestId: String(request?._id), kind: 'comment' })
    .toArray();
  const tasks = (request?.connectorTasks ?? []) as { kind: string; by: string }[];
  const waiting = tasks.filter((task) => task.kind === 'comment');
  return [...moved, ...waiting].map((task) => task.by as string);
}

describe('thread replies on a request with a Zendesk ticket', () => {
  let w: ZendeskWorld;
  const settings = (update: Record<string, unknown>) =>
    w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
  beforeAll(async () => {
    // Threads of plain requests are not suppressed: a reply there opens a request of its own.
    w = await zendeskWorld(
      { send_threads_to_connectors: true },
      { suppress_requests_on_non_closed_conversation_threads: false },
    );
  });
  afterAll(() => w.stop());

  it('keeps a reply in a live ticket’s thread on the request and its ticket (suppress_requests_on_non_closed_ticket_threads)', async () => {
    const { t, zendesk } = w;
    const { message, key } = await ticketedRequest(t, 'U0RULE1', 'Sync stalls at 90%');
    const count = (await allRequests(t)).length;
    await t.driver.customerSays(CHANNEL, 'U0RULE1', 'Another problem: exports are empty', {
      thread_ts: message.ts,
    });
    await eventually(async () => zendesk.ticket(key)?.comments.length === 2, 10_000);
    expect(zendesk.ticket(key)?.comments[1]?.body).toBe(
      'Customer <@U0RULE1> in Slack:\n\nAnother problem: exports are empty',
    );
    expect(await allRequests(t)).toHaveLength(count);
    expect((await requestOf(t, message.ts))?.messageCounts.incoming).toBe(1);

    // Off: the reply opens a request of its own, as any thread's does with these settings.
    expect(
      (
        await settings({
          requests: { config: { suppress_requests_on_non_closed_ticket_threads: false } },
        })
      ).status,
    ).toBe(200);
    try {
      const { message: reply } = await t.driver.customerSays(
        CHANNEL,
        'U0RULE1',
        'And logins take a minute',
        { thread_ts: message.ts },
      );
      await eventually(async () => (await requestOf(t, reply.ts))?.triage.ts);
      expect(await allRequests(t)).toHaveLength(count + 1);
      expect(zendesk.ticket(key)?.comments).toHaveLength(2);
    } finally {
      await settings({
        requests: { config: { suppress_requests_on_non_closed_ticket_threads: true } },
      });
    }
  }, 20_000);

  it('keeps a reply on a closed request whose ticket is still open, without reopening it when reopening is off', async () => {
    const { t, zendesk } = w;
    expect(
      (await settings({ requests: { config: { reopen_closed_requests: false } } })).status,
    ).toBe(200);
    try {
      const { message, key } = await ticketedRequest(t, 'U0RULE2', 'Billing page 404s');
      await click(t, message.ts, ACTIONS.close);
      await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
      const count = (await allRequests(t)).length;
      await t.driver.customerSays(CHANNEL, 'U0RULE2', 'It 404s for my colleague too', {
        thread_ts: message.ts,
      });
      await eventually(async () => zendesk.ticket(key)?.comments.length === 2, 10_000);
      expect(await allRequests(t)).toHaveLength(count);
      expect((await requestOf(t, message.ts))?.status).toBe('closed');
    } finally {
      await settings({ requests: { config: { reopen_closed_requests: true } } });
    }
  }, 20_000);

  it('sends only the customer’s messages, and none to a solved ticket (enable_only_for_customers_to_non_closed_ticket)', async () => {
    const { t, zendesk } = w;
    const on = await settings({
      tickets: { config: { enable_only_for_customers_to_non_closed_ticket: true } },
    });
    expect(on.status).toBe(200);
    try {
      const { message, key } = await ticketedRequest(t, 'U0RULE3', 'Webhooks arrive twice');
      await t.driver.agentSays(CHANNEL, AGENT, 'Checking the delivery log', {
        thread_ts: message.ts,
      });
      await t.driver.customerSays(CHANNEL, 'U0RULE3', 'Here is one: evt_42', {
        thread_ts: message.ts,
      });
      await eventually(async () => zendesk.ticket(key)?.comments.length === 2, 10_000);
      expect(zendesk.ticket(key)?.comments[1]?.body).toBe(
        'Customer <@U0RULE3> in Slack:\n\nHere is one: evt_42',
      );
      expect(await commentAuthors(t, message.ts)).toEqual(['U0RULE3']);

      expect(await zendesk.events.status(Number(key), 'solved')).toBe(200);
      await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
      await t.driver.customerSays(CHANNEL, 'U0RULE3', 'It happened again', {
        thread_ts: message.ts,
      });
      // The reply reopens the request (reopen_closed_requests) and goes nowhere else.
      await eventually(async () => (await requestOf(t, message.ts))?.status === 'open');
      expect(await commentAuthors(t, message.ts)).toEqual(['U0RULE3']);
      expect(zendesk.ticket(key)?.comments).toHaveLength(2);
    } finally {
      await settings({
        tickets: { config: { enable_only_for_customers_to_non_closed_ticket: false } },
      });
    }
  }, 20_000);
});
