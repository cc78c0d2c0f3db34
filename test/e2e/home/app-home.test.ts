import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  click,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';

const PRIVATE = 'C0EXTSECRET';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { text?: string; action_id?: string }[];
}

/** What `user` sees on the Home tab: section headers, and each request's line by root ts. */
function home(t: TestBot, user: string) {
  const view = t.sim.homeView(user);
  const blocks = (view?.view.blocks ?? []) as Block[];
  return {
    id: view?.id as string,
    headers: blocks.filter((b) => b.type === 'header').map((b) => b.text?.text),
    text: JSON.stringify(blocks),
    /** The request lines in order, as `[section header, line text]`. */
    lines: blocks.reduce<[string, string][]>((lines, block, i) => {
      if (!block.block_id?.startsWith('home_request_')) return lines;
      const header = blocks.slice(0, i).findLast((b) => b.type === 'header');
      return [...lines, [header?.text?.text ?? '', block.text?.text ?? '']];
    }, []),
  };
}

/** A customer posts in the channel and the request's triage card appears. */
async function ask(t: TestBot, text: string, customer: string, channel = CHANNEL) {
  const { message } = await t.driver.customerSays(channel, customer, text);
  const request = await eventually(() =>
    t.db.collection('requests').findOne({ channelId: channel, rootTs: message.ts }),
  );
  return { ts: message.ts, id: request._id };
}

/** A stored document to insert again as a new one. */
function withoutId<T extends { _id?: unknown }>(doc: T | null): Omit<T, '_id'> {
  const copy = { ...doc } as T;
  delete copy._id;
  return copy;
}

const setRequest = (t: TestBot, ts: string, set: Record<string, unknown>) =>
  t.db.collection('requests').updateOne({ rootTs: ts }, { $set: set });

describe('the App Home shows an agent their requests and the unassigned ones', () => {
  let t: TestBot;
  let mine: { ts: string };
  let old: { ts: string };
  let breached: { ts: string };
  beforeAll(async () => {
    t = await customerWorld();
    // Oldest first: `old` was asked 3 hours ago, `breached` and `mine` just now.
    old = await ask(t, 'Old question <!channel> about SSO', CUSTOMER);
    breached = await ask(t, 'Webhooks stopped firing', newCustomer(t, 'U0ERIN'));
    mine = await ask(t, 'Invoices are missing for March', newCustomer(t, 'U0FRANK'));
    await eventually(async () => (await requestOf(t, mine.ts))?.triage.ts);
    await click(t, mine.ts, ACTIONS.assignToMe, AGENT);
    const now = Date.now();
    await setRequest(t, old.ts, {
      createdAt: new Date(now - 3 * HOUR - MINUTE),
      // 25 minutes and a half left: the view, rendered a moment later, says 25m
      'sla.responseDueAt': new Date(now + 25 * MINUTE + 30_000),
    });
    await setRequest(t, breached.ts, {
      'sla.responseDueAt': new Date(now - HOUR),
      'sla.responseBreachedAt': new Date(now - HOUR),
    });
    await setRequest(t, mine.ts, {
      firstResponseAt: new Date(now),
      'sla.responseDueAt': new Date(now + HOUR),
      'sla.closureDueAt': new Date(now + 2 * 24 * HOUR + HOUR),
    });
  });
  afterAll(() => t.stop());

  it('publishes the Home tab when the agent opens it', async () => {
    const response = await t.driver.appHomeOpened(AGENT);
    expect(response.status).toBe(200);
    const view = home(t, AGENT);
    expect(view.headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (2)']);
    expect(view.lines.map(([section, line]) => [section, line.split('\n')[0]])).toEqual([
      [
        'Assigned to you (1)',
        expect.stringMatching(
          new RegExp(
            `^:large_yellow_circle: \\*Open\\* · <#${CHANNEL}> · <@U0FRANK> · opened <1m ago · .* · closure due in 2d$`,
          ),
        ),
      ],
      [
        'Unassigned (2)',
        expect.stringMatching(/<@U0CUSTOMER> · opened 3h ago · .* · response due in 25m$/),
      ],
      ['Unassigned (2)', expect.stringMatching(/<@U0ERIN> · .* · ⚠️ response SLA breached$/)],
    ]);
    expect(view.text).toContain(
      `https://slack.com/archives/${CHANNEL}/p${mine.ts.replace('.', '')}`,
    );
    // the customer's text is quoted, escaped: it cannot ping the channel from the Home tab
    expect(view.text).toContain('>Old question &lt;!channel&gt; about SSO');
    expect(view.text).toContain(`"action_id":"${ACTIONS.homeRefresh}"`);
  });

  it('shows another agent the same unassigned requests and none of theirs', async () => {
    await t.driver.appHomeOpened(AGENT_2);
    const view = home(t, AGENT_2);
    expect(view.headers).toEqual(['Requests', 'Assigned to you (0)', 'Unassigned (2)']);
    expect(view.text).toContain('Nothing assigned to you.');
    expect(view.text).not.toContain('U0FRANK');
  });

  it('shows an agent their week against the week before, and someone holding none the team’s', async () => {
    await t.driver.appHomeOpened(AGENT);
    const week = home(t, AGENT).text;
    expect(week).toContain('*Your week* · open assigned to you: *1* · unassigned: *2*');
    // Counted from the reports' rollups: one request opened this week is the agent's, none before.
    expect(week).toContain('*Requests opened*\\n1  _(before: 0)_');
    await t.driver.appHomeOpened(AGENT_2);
    const team = home(t, AGENT_2).text;
    expect(team).toContain("*The team's week* · open in the workspace: *3* · unassigned: *2*");
    expect(team).toContain('*Requests opened*\\n3  _(before: 0)_');
  });

  it('leaves out closed requests and other workspaces’ requests', async () => {
    const copy = withoutId(await requestOf(t, old.ts));
    await t.db
      .collection('requests')
      .insertOne({ ...copy, teamId: 'T0ELSEWHERE', rootTs: '1.000001' });
    const done = await ask(t, 'Please close me', newCustomer(t, 'U0GINA'));
    await eventually(async () => (await requestOf(t, done.ts))?.triage.ts);
    await click(t, done.ts, ACTIONS.close, AGENT);
    await t.driver.appHomeOpened(AGENT);
    expect(home(t, AGENT).headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (2)']);
  });

  it('does nothing when the Messages tab is opened', async () => {
    t.sim.clearCalls();
    await t.driver.appHomeOpened(AGENT, { tab: 'messages' });
    expect(t.sim.calls('views.publish')).toHaveLength(0);
  });

  it('re-publishes an up-to-date view when the agent clicks Refresh', async () => {
    const before = home(t, AGENT);
    const fresh = await ask(t, 'New: the dashboard is blank', newCustomer(t, 'U0HANK'));
    await eventually(async () => (await requestOf(t, fresh.ts))?.triage.ts);
    await click(t, breached.ts, ACTIONS.assignToMe, AGENT);
    await click(t, breached.ts, ACTIONS.onHold, AGENT);
    await setRequest(t, breached.ts, {
      'sla.responseBreachedAt': null,
      'sla.pausedAt': new Date(),
    });

    const response = await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.homeRefresh,
      view_id: before.id,
    });
    expect(response.status).toBe(200);
    const after = home(t, AGENT);
    expect(after.id).toBe(before.id);
    expect(after.headers).toEqual(['Requests', 'Assigned to you (2)', 'Unassigned (2)']);
    expect(after.lines.map(([section, line]) => [section, line.split(' · ')[2]])).toEqual([
      ['Assigned to you (2)', '<@U0ERIN>'],
      ['Assigned to you (2)', '<@U0FRANK>'],
      ['Unassigned (2)', '<@U0CUSTOMER>'],
      ['Unassigned (2)', '<@U0HANK>'],
    ]);
    const erin = after.lines.find(([, line]) => line.includes('<@U0ERIN>'))?.[1];
    expect(erin).toMatch(/^:double_vertical_bar: \*On hold\* · .* · SLA paused \(on hold\)\n/);
  });
});

describe('the App Home for larger and stricter workspaces', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    t.sim.addChannel({
      id: PRIVATE,
      name: 'ext-secret',
      is_private: true,
      is_ext_shared: true,
      members: [t.sim.botUserId, CUSTOMER, AGENT, AGENT_2],
    });
  });
  afterAll(() => t.stop());

  it('hides previews from private channels unless the channel allows them', async () => {
    const account = await t.api('POST', '/api/v1/accounts', {
      name: 'Secret',
      channels: [PRIVATE],
    });
    expect(account.status).toBe(201);
    const routed = await t.api('PUT', `/api/v1/channels/${PRIVATE}`, { triage_channel_id: TRIAGE });
    expect(routed.status).toBe(200);
    const asked = await ask(t, 'Our merger plans leak', CUSTOMER, PRIVATE);
    // Nor is the private channel's name on its triage card (hidePrivateChannelMetadata, on by
    // default): only `<#id>`, which Slack names for the channel's own members.
    const request = await eventually(async () => {
      const stored = await t.db
        .collection('requests')
        .findOne({ channelId: PRIVATE, rootTs: asked.ts });
      return stored?.triage.ts ? stored : undefined;
    });
    const card = JSON.stringify(t.sim.message(request.triage.channelId, request.triage.ts));
    expect(card).toContain(`in <#${PRIVATE}>`);
    expect(card).not.toContain('ext-secret');
    await t.driver.appHomeOpened(AGENT);
    const hidden = home(t, AGENT);
    expect(hidden.text).not.toContain('merger');
    expect(hidden.text).toContain('Preview hidden: private channel');
    expect(hidden.text).toContain(`<#${PRIVATE}>`);

    // Previews allowed, but hidePrivateChannelMetadata (on by default) still hides them.
    const previews = await t.api('PATCH', `/api/v1/channels/${PRIVATE}/settings`, {
      update: { requests: { config: { show_private_message_previews: true } } },
    });
    expect(previews.status).toBe(200);
    await t.driver.action({ user: AGENT, action_id: ACTIONS.homeRefresh, view_id: hidden.id });
    expect(home(t, AGENT).text).not.toContain('merger');

    const shown = await t.api('PATCH', `/api/v1/channels/${PRIVATE}/settings`, {
      update: { hidePrivateChannelMetadata: false },
    });
    expect(shown.status).toBe(200);
    await t.driver.action({ user: AGENT, action_id: ACTIONS.homeRefresh, view_id: hidden.id });
    expect(home(t, AGENT).text).toContain('>Our merger plans leak');
  });

  it('lists other agents’ requests when the workspace turns on owner filters', async () => {
    const theirs = await ask(t, 'Bob takes this one', newCustomer(t, 'U0IVAN'));
    await eventually(async () => (await requestOf(t, theirs.ts))?.triage.ts);
    await click(t, theirs.ts, ACTIONS.assignToMe, AGENT_2);

    await t.driver.appHomeOpened(AGENT);
    expect(home(t, AGENT).headers).toEqual(['Requests', 'Assigned to you (0)', 'Unassigned (1)']);

    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { config: { appHomeOwnerFilters: true } } },
    });
    expect(res.status).toBe(200);
    await t.driver.appHomeOpened(AGENT);
    const view = home(t, AGENT);
    expect(view.headers).toEqual([
      'Requests',
      'Assigned to you (0)',
      'Unassigned (1)',
      "Other agents' requests (1)",
    ]);
    expect(view.lines.at(-1)?.[1]).toContain(`<@U0IVAN> · assigned to <@${AGENT_2}>`);
    // Bob sees his own request under his name, not among the others
    await t.driver.appHomeOpened(AGENT_2);
    expect(home(t, AGENT_2).headers).toEqual([
      'Requests',
      'Assigned to you (1)',
      'Unassigned (1)',
      "Other agents' requests (0)",
    ]);
  });

  it('keeps a long backlog within Slack’s 100-block limit and says how many more', async () => {
    const template = withoutId(await t.db.collection('requests').findOne({ channelId: CHANNEL }));
    const base = Date.now() - 10 * HOUR;
    await t.db.collection('requests').insertMany(
      Array.from({ length: 45 }, (_, i) => ({
        ...template,
        rootTs: `1700000000.${String(i).padStart(6, '0')}`,
        requesterId: `U0BULK${i}`,
        assigneeId: null,
        status: 'open',
        createdAt: new Date(base + i * MINUTE),
      })),
    );
    await t.driver.appHomeOpened(AGENT);
    const view = home(t, AGENT);
    expect((t.sim.homeView(AGENT)?.view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    // 46 unassigned (45 + the private channel's), 20 shown
    expect(view.headers).toContain('Unassigned (46)');
    expect(view.lines.filter(([section]) => section === 'Unassigned (46)')).toHaveLength(20);
    expect(view.text).toContain('and 26 more');
    // oldest first: the backlog's first request heads the list
    expect(view.lines.find(([section]) => section === 'Unassigned (46)')?.[1]).toContain(
      '<@U0BULK0>',
    );
  });
});
