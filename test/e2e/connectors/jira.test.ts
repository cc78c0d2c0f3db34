import { ACTIONS } from '../../../src/constants.js';
import { textOf } from '../../support/jira/adf.js';
import {
  AGENT,
  CHANNEL,
  cardText,
  click,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';
import { jiraWorld, retriedComment, threadTexts, ticketOf, type JiraWorld } from './world.js';

describe('Jira Cloud issues from Slack requests', () => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await jiraWorld({
      send_threads_to_connectors: true,
      change_stage_for_closed_ticket: true,
      change_stage_for_non_closed_ticket: true,
      reply_on_closure: true,
      reply_on_closure_message: 'Engineering marked this done.',
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.jira.calls.length = 0;
    w.jira.faults.length = 0;
  });

  async function ticketed(customer: string, text: string) {
    const message = await newRequest(w.t, customer, text);
    await w.t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const ticket = await ticketOf(w.t, message.ts);
    return { message, ticket, key: ticket.id as string };
  }

  it('makes one issue in the project from 🎫, linked in the thread and on the card', async () => {
    const { t, jira } = w;
    const { message, ticket, key } = await ticketed(
      'U0JIRA1',
      'API returns 500 on /orders\nSince 9:00.',
    );
    await t.driver.reactionAdded(CHANNEL, message.ts, 'U0AGENT2', 'ticket');
    const issue = jira.issue(key);
    expect(jira.issues.filter((i) => i.summary === 'API returns 500 on /orders')).toHaveLength(1);
    expect(issue).toMatchObject({ issuetype: 'Task', status: 'To Do' });
    expect(textOf(issue?.description)).toBe('API returns 500 on /orders\nSince 9:00.');
    const stored = await requestOf(t, message.ts);
    const task = await t.db
      .collection('connector_tasks')
      .findOne({ requestId: String(stored?._id), kind: 'create' });
    expect(issue?.labels).toEqual([`triage-${task?.taskId}`]);
    expect(ticket).toMatchObject({ url: `${jira.url}/browse/${key}`, connectorId: w.connectorId });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes(
        `:ticket: Jira ticket <${ticket.url}|#${key}> was created from this request by <@${AGENT}>.`,
      ),
    );
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`<${ticket.url}|#${key}>`),
    );
  });

  it('retries a 429 and an ambiguous 5xx without a second issue', async () => {
    const { jira } = w;
    jira.faults.push({ method: 'POST', path: /\/issue$/, status: 429, retryAfter: 1 });
    const limited = await ticketed('U0JIRA2', 'Slow search');
    expect(jira.issues.filter((i) => i.summary === 'Slow search')).toHaveLength(1);
    expect(limited.key).toMatch(/^SUP-\d+$/);

    jira.calls.length = 0;
    jira.faults.push({ method: 'POST', path: /\/issue$/, status: 503, applied: true });
    const flaky = await ticketed('U0JIRA3', 'Flaky gateway');
    const made = jira.issues.filter((i) => i.summary === 'Flaky gateway');
    expect(made.map((i) => i.key)).toEqual([flaky.key]);
    expect(jira.calls.map((c) => [c.method, c.path.split('?')[0], c.status])).toEqual([
      ['POST', '/rest/api/3/issue', 503],
      ['GET', '/rest/api/3/search/jql', 200],
    ]);
  }, 20_000);

  it('keeps comments in sync both ways, without echo', async () => {
    const { t, jira } = w;
    const { message, key } = await ticketed('U0JIRA4', 'Webhook retries loop');
    await t.driver.customerSays(CHANNEL, 'U0JIRA4', 'Still looping', { thread_ts: message.ts });
    await t.driver.agentSays(CHANNEL, AGENT, 'Checking the logs', { thread_ts: message.ts });
    await eventually(async () => (jira.issue(key)?.comments.length ?? 0) >= 2, 10_000);
    expect(jira.issue(key)?.comments.map((c) => [textOf(c.body), c.internal, c.authorId])).toEqual([
      ['Customer <@U0JIRA4> in Slack:\nStill looping', false, 'acc-bot'],
      [`Agent <@${AGENT}> in Slack:\nChecking the logs`, true, 'acc-bot'],
    ]);

    expect(await jira.comment(key, 'Fixed in build 42.')).toBe(200);
    expect(await jira.comment(key, 'Bot wrote this', jira.users[0])).toBe(200);
    expect(await jira.comment(key, 'Deployed.')).toBe(200);
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).includes('*Jo Engineer* (Jira): Deployed.'),
    );
    expect(threadTexts(t, message.ts).filter((text) => text.includes('(Jira)'))).toEqual([
      '*Jo Engineer* (Jira): Fixed in build 42.',
      '*Jo Engineer* (Jira): Deployed.',
    ]);
  });

  it('makes a comment once when Jira answers 503 after storing it', async () => {
    const { t, jira } = w;
    const { message, key } = await ticketed('U0JIRA9', 'Export stuck');
    jira.faults.push({ method: 'POST', path: /\/comment$/, status: 503, applied: true });
    await t.driver.customerSays(CHANNEL, 'U0JIRA9', 'Any news?', { thread_ts: message.ts });
    expect(await retriedComment(t)).toMatchObject({ status: 'done', attempts: 2 });
    expect(jira.issue(key)?.comments.map((c) => textOf(c.body))).toEqual([
      'Customer <@U0JIRA9> in Slack:\nAny news?',
    ]);
    // A 503 that stored nothing: the retry looks, finds none, and writes it.
    await t.db.collection('connector_tasks').deleteMany({ kind: 'comment', ambiguous: true });
    jira.faults.push({ method: 'POST', path: /\/comment$/, status: 503 });
    await t.driver.customerSays(CHANNEL, 'U0JIRA9', 'Hello?', { thread_ts: message.ts });
    expect(await retriedComment(t)).toMatchObject({ status: 'done', attempts: 2 });
    expect(jira.issue(key)?.comments.map((c) => textOf(c.body))).toEqual([
      'Customer <@U0JIRA9> in Slack:\nAny news?',
      'Customer <@U0JIRA9> in Slack:\nHello?',
    ]);
  }, 30_000);

  it('moves the issue through transitions when the request moves, and back', async () => {
    const { t, jira } = w;
    const { message, key } = await ticketed('U0JIRA5', 'Data export missing rows');
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => jira.issue(key)?.status === 'Done', 10_000);
    await click(t, message.ts, ACTIONS.reopen);
    await eventually(async () => jira.issue(key)?.status === 'In Progress', 10_000);
    expect(
      jira.calls
        .filter((c) => c.method === 'POST' && c.path.includes(`/${key}/`))
        .map((c) => c.path),
    ).toEqual([`/rest/api/3/issue/${key}/transitions`, `/rest/api/3/issue/${key}/transitions`]);

    jira.calls.length = 0;
    expect(await jira.status(key, 'Done')).toBe(200);
    const closed = await requestOf(t, message.ts);
    expect(closed?.status).toBe('closed');
    expect(closed?.connectorTasks).toEqual([]);
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes('Engineering marked this done.'));
    expect(jira.calls).toEqual([]);
  });

  it('refuses a forged call (401) and changes nothing', async () => {
    const { t, jira } = w;
    const { message, key } = await ticketed('U0JIRA6', 'Forgery target');
    const before = await requestOf(t, message.ts);
    const forged = {
      webhookEvent: 'jira:issue_updated',
      issue: { key, fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
      changelog: { items: [{ field: 'status' }] },
    };
    expect(await jira.send(forged, 'not-the-secret')).toBe(401);
    expect(await requestOf(t, message.ts)).toEqual(before);
  });

  it('refuses a connector whose credentials Jira refuses, or without a project', async () => {
    const { t, jira } = w;
    const body = {
      type: 'jira',
      base_url: jira.url,
      credentials: { email: jira.email, api_token: 'wrong' },
      options: { project_key: 'SUP' },
    };
    const refused = await t.api('POST', '/api/v1/connectors', body);
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0]).toMatchObject({
      loc: ['body', 'credentials'],
      msg: expect.stringMatching(/^Jira answered 401/),
    });
    const noProject = await t.api('POST', '/api/v1/connectors', { ...body, options: {} });
    expect(noProject.status).toBe(422);
    expect(noProject.body.detail[0].loc).toEqual(['body', 'options', 'project_key']);
    expect(await t.db.collection('connectors').countDocuments({})).toBe(1);
  });
});
