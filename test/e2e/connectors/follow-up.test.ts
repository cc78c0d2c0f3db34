import { textOf } from '../../support/jira/adf.js';
import { CHANNEL, cardText, eventually, requestOf } from '../requests/world.js';
import {
  jiraWorld,
  linearWorld,
  threadTexts,
  ticketedRequest,
  zendeskWorld,
  type JiraWorld,
  type LinearWorld,
  type ZendeskWorld,
} from './world.js';
import type { TestBot } from '../../support/bot.js';

/** The request's ticket once it is another than `old` (the follow-up recorded). */
const followUpOf = (t: TestBot, rootTs: string, old: string) =>
  eventually(async () => {
    const ticket = (await requestOf(t, rootTs))?.ticket;
    return ticket && ticket.id !== old ? ticket : undefined;
  }, 10_000);

/** The customer's reply in the request's thread. */
const replies = async (t: TestBot, customer: string, rootTs: string, text: string) =>
  (await t.driver.customerSays(CHANNEL, customer, text, { thread_ts: rootTs })).message;

describe('follow-up tickets in Zendesk (enable_follow_up_ticket)', () => {
  let w: ZendeskWorld;
  beforeAll(async () => {
    w = await zendeskWorld({
      enable_follow_up_ticket: true,
      send_threads_to_connectors: true,
      change_stage_for_non_closed_ticket: true,
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.zendesk.calls.length = 0;
    w.zendesk.faults.length = 0;
  });

  it('opens one follow-up linked to the closed ticket for a new message (429 then success, redelivered event)', async () => {
    const { t, zendesk } = w;
    const { message, key } = await ticketedRequest(t, 'U0FOLLOW1', 'Export times out');
    expect(await zendesk.events.status(Number(key), 'closed')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    zendesk.calls.length = 0;
    zendesk.faults.push({ method: 'POST', path: /\/tickets\.json$/, status: 429, retryAfter: 1 });
    const reply = await replies(t, 'U0FOLLOW1', message.ts, 'It is failing again since 9:00');
    await t.driver.message(reply); // Slack's retry of the same event
    const ticket = await followUpOf(t, message.ts, key);

    const made = zendesk.tickets.filter((z) => z.followup_source_id === Number(key));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ id: Number(ticket.id), subject: 'Export times out' });
    expect(made[0]?.comments[0]?.body).toBe(
      `It is failing again since 9:00\n\n— Follow-up of ticket #${key} (${zendesk.url}/agent/tickets/${key}), which was closed.`,
    );
    expect(zendesk.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.status])).toEqual(
      [
        ['/api/v2/tickets.json', 429],
        ['/api/v2/tickets.json', 201],
      ],
    );
    expect(ticket).toMatchObject({
      followUpOf: key,
      connectorId: w.connectorId,
      url: `${zendesk.url}/agent/tickets/${ticket.id}`,
      createdBy: 'U0FOLLOW1',
    });
    // The closed ticket is left as Zendesk keeps it: no comment, no update tried.
    expect(zendesk.ticket(key)?.comments).toHaveLength(1);
    expect(zendesk.calls.filter((c) => c.path.includes(`/tickets/${key}.json`))).toEqual([]);
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        `:ticket: Zendesk follow-up ticket <${ticket.url}|#${ticket.id}> was opened for the new message here; it follows up #${key}.`,
      ),
    );
    await eventually(async () => (await cardText(t, message.ts)).includes(`follow-up of #${key}`));
    // The request reopened (reopen_closed_requests): its stage goes to the follow-up.
    expect((await requestOf(t, message.ts))?.status).toBe('open');
    await eventually(async () => zendesk.ticket(ticket.id)?.status === 'open', 10_000);

    // The next message is a comment on the follow-up, not another ticket.
    await replies(t, 'U0FOLLOW1', message.ts, 'Here is the request id: 42');
    await eventually(async () => zendesk.ticket(ticket.id)?.comments.length === 2, 10_000);
    expect(zendesk.ticket(ticket.id)?.comments[1]).toMatchObject({
      body: 'Customer <@U0FOLLOW1> in Slack:\n\nHere is the request id: 42',
      public: true,
    });
    expect(zendesk.tickets.filter((z) => z.followup_source_id === Number(key))).toHaveLength(1);
  }, 20_000);

  it('follows up a solved ticket with a new ticket naming it, and not for a mere thanks', async () => {
    const { t, zendesk } = w;
    const thanked = await ticketedRequest(t, 'U0FOLLOW2', 'Invoice PDF is blank');
    expect(await zendesk.events.status(Number(thanked.key), 'solved')).toBe(200);
    await eventually(async () => (await requestOf(t, thanked.message.ts))?.status === 'closed');
    const count = zendesk.tickets.length;
    await replies(t, 'U0FOLLOW2', thanked.message.ts, 'thanks!');
    // Today's reopen: the request and its ticket are open again; no follow-up.
    await eventually(async () => zendesk.ticket(thanked.key)?.status === 'open', 10_000);
    expect(zendesk.tickets).toHaveLength(count);
    expect((await requestOf(t, thanked.message.ts))?.ticket.id).toBe(thanked.key);

    const { message, key } = await ticketedRequest(t, 'U0FOLLOW3', 'Search misses new items');
    expect(await zendesk.events.status(Number(key), 'solved')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    await replies(t, 'U0FOLLOW3', message.ts, 'Still missing items created today');
    const ticket = await followUpOf(t, message.ts, key);
    // Zendesk links only closed tickets (`via_followup_source_id`): this one names it.
    expect(zendesk.ticket(ticket.id)).toMatchObject({ followup_source_id: null });
    expect(zendesk.ticket(ticket.id)?.comments[0]?.body).toContain(
      `Follow-up of ticket #${key} (${zendesk.url}/agent/tickets/${key}), which was solved.`,
    );
    expect(zendesk.ticket(key)?.comments).toHaveLength(1);
  }, 20_000);

  it('without the setting, sends the message to the closed ticket as today (Zendesk refuses it) and opens none', async () => {
    const { t, zendesk } = w;
    const off = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { tickets: { config: { enable_follow_up_ticket: false } } },
    });
    expect(off.status).toBe(200);
    try {
      const { message, key } = await ticketedRequest(t, 'U0FOLLOW4', 'Webhook retries pile up');
      expect(await zendesk.events.status(Number(key), 'closed')).toBe(200);
      await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
      const count = zendesk.tickets.length;
      await replies(t, 'U0FOLLOW4', message.ts, 'They are piling up again');
      const request = await requestOf(t, message.ts);
      const failed = await eventually(async () => {
        const tasks = await t.db
          .collection('connector_tasks')
          .find({ requestId: String(request?._id), kind: 'comment', status: 'failed' })
          .toArray();
        return tasks[0];
      }, 10_000);
      expect(failed.lastError).toContain('422');
      expect(zendesk.tickets).toHaveLength(count);
      expect((await requestOf(t, message.ts))?.ticket).toMatchObject({ id: key, followUpOf: null });
    } finally {
      await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
        update: { tickets: { config: { enable_follow_up_ticket: true } } },
      });
    }
  }, 20_000);
});

describe('follow-up issues in Jira', () => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await jiraWorld({ enable_follow_up_ticket: true });
  });
  afterAll(() => w.stop());

  it('opens a new issue that relates to the done one', async () => {
    const { t, jira } = w;
    const { message, key } = await ticketedRequest(t, 'U0FOLLOW5', 'Nightly sync skipped');
    expect(await jira.status(key, 'Done')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    await replies(t, 'U0FOLLOW5', message.ts, 'It skipped again last night');
    const ticket = await followUpOf(t, message.ts, key);
    const issue = jira.issue(ticket.id);
    expect(issue?.links).toEqual([{ type: 'Relates', outwardIssue: key }]);
    expect(textOf(issue?.description)).toBe(
      `It skipped again last night\n— Follow-up of ticket #${key} (${jira.url}/browse/${key}), which was solved.`,
    );
    expect(ticket).toMatchObject({ followUpOf: key, url: `${jira.url}/browse/${ticket.id}` });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        `:ticket: Jira follow-up ticket <${ticket.url}|#${ticket.id}> was opened for the new message here; it follows up #${key}.`,
      ),
    );
  }, 20_000);
});

describe('follow-up issues in Linear', () => {
  let w: LinearWorld;
  beforeAll(async () => {
    w = await linearWorld({ enable_follow_up_ticket: true });
  });
  afterAll(() => w.stop());

  it('relates the new issue to the done one once, after a 503 that made the relation', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketedRequest(t, 'U0FOLLOW6', 'Report export is empty');
    expect(await linear.moveTo(key, 'Done')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    linear.calls.length = 0;
    // Linear makes the relation but answers 503: the task is tried again and must not add one.
    linear.faults.push({
      method: 'POST',
      path: /^issueRelationCreate$/,
      status: 503,
      applied: true,
    });
    await replies(t, 'U0FOLLOW6', message.ts, 'The export is empty again');
    const ticket = await followUpOf(t, message.ts, key);
    await eventually(
      async () => linear.calls.filter((c) => c.field === 'issueRelationCreate').length === 2,
      15_000,
    );

    const made = linear.issue(ticket.id);
    const old = linear.issue(key);
    expect(linear.issues.filter((i) => i.title === 'Report export is empty')).toHaveLength(2);
    expect(linear.relations).toEqual([
      { id: expect.any(String), issueId: made?.id, relatedIssueId: old?.id, type: 'related' },
    ]);
    expect(linear.calls.filter((c) => c.field !== 'teams')).toEqual([
      { field: 'issueCreate', status: 200 },
      { field: 'issueRelationCreate', status: 503 },
      { field: 'issue', status: 200 },
      { field: 'issueRelationCreate', status: 400 },
    ]);
    // The description still names the old issue (Linear shows the URL as a mention).
    expect(made?.description).toBe(
      `The export is empty again\n\n— Follow-up of ticket #${key} (https://linear.app/acme/issue/${key}), which was solved.`,
    );
    expect(ticket).toMatchObject({
      followUpOf: key,
      url: `https://linear.app/acme/issue/${ticket.id}`,
    });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        `:ticket: Linear follow-up ticket <${ticket.url}|#${ticket.id}> was opened for the new message here; it follows up #${key}.`,
      ),
    );
  }, 30_000);

  it('keeps the follow-up when Linear refuses the relation (the old issue deleted)', async () => {
    const { t, linear } = w;
    const { message, key } = await ticketedRequest(t, 'U0FOLLOW7', 'Avatars do not load');
    expect(await linear.moveTo(key, 'Canceled')).toBe(200);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    const before = linear.relations.length;
    const old = linear.issue(key);
    if (!old) throw new Error(`no issue ${key}`);
    // Someone deletes the old issue in Linear: the relation is refused (not found), never retried.
    old.identifier = `${key}-deleted`;
    old.id = `${old.id}-deleted`;
    linear.calls.length = 0;
    await replies(t, 'U0FOLLOW7', message.ts, 'Avatars are broken again');
    const ticket = await followUpOf(t, message.ts, key);
    expect(linear.relations).toHaveLength(before);
    expect(linear.calls.filter((c) => c.field === 'issueRelationCreate')).toEqual([
      { field: 'issueRelationCreate', status: 400 },
    ]);
    expect(linear.issue(ticket.id)?.description).toContain(`Follow-up of ticket #${key}`);
    const request = await requestOf(t, message.ts);
    // The task settles just after the ticket is recorded: once settled, it is done (not retried).
    const task = await eventually(async () => {
      const found = await t.db.collection('connector_tasks').findOne({
        requestId: String(request?._id),
        kind: 'create',
        'payload.draft.followUpOf.id': key,
      });
      return found && found.status !== 'pending' ? found : undefined;
    });
    expect(task.status).toBe('done');
  }, 30_000);
});
