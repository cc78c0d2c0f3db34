import { ACTIONS } from '../../../src/constants.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  cardText,
  click,
  customerWorld,
  newRequest,
  requestOf,
} from '../requests/world.js';

interface Listed {
  data: {
    meta: Record<string, number>;
    payload: { id: string; status: string; request_status: string; labels: string[] }[];
  };
}

describe('the conversations API lists, reads and changes requests as the card does', () => {
  let t: TestBot;
  /** Alice's own token: an agent's, named after her. */
  let alice: string;
  let open: { ts: string; id: string };
  let held: { ts: string; id: string };
  let closed: { ts: string; id: string };
  const as = (method: string, path: string, body?: unknown) => t.api(method, path, body, alice);
  const ask = async (customer: string, text: string) => {
    const message = await newRequest(t, customer, text);
    return { ts: message.ts, id: String((await requestOf(t, message.ts))?._id) };
  };

  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        support: {
          tags: [
            { name: 'Billing', value: 'billing' },
            { name: 'Log-in', value: 'login' },
          ],
        },
      },
    });
    alice = await createApiToken(t.bot.deps.models, t.teamId, AGENT, {
      role: 'agent',
      name: 'alice',
    });
    open = await ask('U0ERIN', 'Invoices are missing for March');
    held = await ask('U0FRANK', 'The export times out');
    closed = await ask('U0GINA', 'Thanks, all sorted');
    await click(t, held.ts, ACTIONS.assignToMe, AGENT);
    await click(t, held.ts, ACTIONS.onHold, AGENT);
    await click(t, closed.ts, ACTIONS.close, AGENT_2);
  });
  afterAll(() => t.stop());

  it('lists by seed 003 status and assignee type, with the counts of each', async () => {
    const ids = (res: { body: unknown }) => (res.body as Listed).data.payload.map((c) => c.id);
    const opened = await as('GET', '/api/v1/conversations');
    expect(opened.status).toBe(200);
    expect(ids(opened)).toEqual([open.id]);
    expect((opened.body as Listed).data.meta).toEqual({
      mine_count: 0,
      unassigned_count: 1,
      assigned_count: 0,
      all_count: 1,
    });
    const pending = await as('GET', '/api/v1/conversations?status=pending&assignee_type=me');
    expect(ids(pending)).toEqual([held.id]);
    expect((pending.body as Listed).data.meta.mine_count).toBe(1);
    const all = await as('GET', '/api/v1/conversations?status=all');
    expect(ids(all)).toEqual([closed.id, held.id, open.id]); // newest first
    expect((all.body as Listed).data.payload.map((c) => [c.status, c.request_status])).toEqual([
      ['resolved', 'closed'],
      ['pending', 'on_hold'],
      ['open', 'open'],
    ]);
    const words = await as('GET', '/api/v1/conversations?status=all&q=EXPORT');
    expect(ids(words)).toEqual([held.id]);
    const elsewhere = await as('GET', '/api/v1/conversations?status=all&channel_id=C0OTHER');
    expect(ids(elsewhere)).toEqual([]);
    const later = await as('GET', '/api/v1/conversations?status=all&since=2999-01-01');
    expect(ids(later)).toEqual([]);
  });

  it('reads one conversation in seed 003’s shape, with its opening message', async () => {
    const res = await as('GET', `/api/v1/conversations/${held.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: held.id,
      channel_id: CHANNEL,
      status: 'pending',
      request_status: 'on_hold',
      source: 'slack',
      priority: null,
      labels: [],
      meta: { sender: { id: 'U0FRANK' }, assignee: { id: AGENT }, channel: CHANNEL },
      messages: [
        {
          content: 'The export times out',
          message_type: 'incoming',
          private: false,
          sender: { id: 'U0FRANK' },
          conversation_id: held.id,
        },
      ],
    });
    expect(res.body.account_id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('resolves and reopens through toggle_status, with the card, thread notice and history a click makes', async () => {
    const res = await as('POST', `/api/v1/conversations/${open.id}/toggle_status`, {
      status: 'resolved',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      meta: {},
      payload: { success: true, current_status: 'resolved', conversation_id: open.id },
    });
    const stored = await requestOf(t, open.ts);
    expect(stored?.status).toBe('closed');
    expect(stored?.history.at(-1)).toMatchObject({ type: 'status', to: 'closed', by: 'api:alice' });
    expect(await cardText(t, open.ts)).toContain('Closed');
    const thread = t.sim.thread(CHANNEL, open.ts).map((m) => m.text);
    expect(thread).toContain('This request is now *Closed* by *alice* (API).');

    const reopened = await as('POST', `/api/v1/conversations/${open.id}/toggle_status`, {
      status: 'open',
    });
    expect(reopened.body.payload.current_status).toBe('open');
    const afterReopen = await requestOf(t, open.ts);
    expect(afterReopen?.status).toBe('open');
    // Already open: nothing to do, nothing recorded.
    const again = await as('POST', `/api/v1/conversations/${open.id}/toggle_status`, {
      status: 'open',
    });
    expect(again.status).toBe(200);
    expect((await requestOf(t, open.ts))?.history).toHaveLength(afterReopen?.history.length ?? -1);
  });

  it('sets the priority and the assignee, shown on the card', async () => {
    const priority = await as('POST', `/api/v1/conversations/${held.id}/toggle_priority`, {
      priority: 'urgent',
    });
    expect(priority.status).toBe(200);
    expect(priority.body.priority).toBe('urgent');
    expect(await cardText(t, held.ts)).toContain('Priority: *Urgent*');
    const assigned = await as('POST', `/api/v1/conversations/${held.id}/assignments`, {
      assignee_id: AGENT_2,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({ id: AGENT_2, name: 'bob' });
    const stored = await requestOf(t, held.ts);
    expect(stored?.assigneeId).toBe(AGENT_2);
    expect(stored?.history.slice(-2)).toMatchObject([
      { type: 'priority', from: null, to: 'urgent', by: 'api:alice' },
      { type: 'assign', to: AGENT_2, by: 'api:alice' },
    ]);
    expect(await cardText(t, held.ts)).toContain(`assigned to <@${AGENT_2}>`);
    const cleared = await as('POST', `/api/v1/conversations/${held.id}/toggle_priority`, {
      priority: 'none',
    });
    expect(cleared.body.priority).toBeNull();
    expect(await cardText(t, held.ts)).not.toContain('Priority');
  });

  it('replaces labels with the channel’s tags (by value or name) and reads them back', async () => {
    const set = await as('POST', `/api/v1/conversations/${held.id}/labels`, {
      labels: ['Billing', 'login'],
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ payload: ['billing', 'login'] });
    expect((await as('GET', `/api/v1/conversations/${held.id}/labels`)).body).toEqual({
      payload: ['billing', 'login'],
    });
    expect(await cardText(t, held.ts)).toContain('Tags: Billing, Log-in');
    const listed = await as('GET', '/api/v1/conversations?status=all&labels=login,refunds');
    expect((listed.body as Listed).data.payload.map((c) => c.id)).toEqual([held.id]);
  });

  it('refuses what the request cannot do or the body gets wrong, naming it, and writes nothing', async () => {
    const before = await requestOf(t, held.ts);
    const refusals: [string, string, unknown, string][] = [
      ['POST', 'labels', { labels: ['refunds'] }, 'unknown tag "refunds"'],
      ['POST', 'assignments', { assignee_id: CUSTOMER }, `${CUSTOMER} is not a member`],
      ['POST', 'assignments', { assignee_id: 'U0NOBODY' }, 'U0NOBODY is not a member'],
      ['POST', 'toggle_status', { status: 'snoozed' }, 'status'],
      ['POST', 'toggle_priority', { priority: 'p1' }, 'priority'],
    ];
    for (const [method, action, body, says] of refusals) {
      const res = await as(method, `/api/v1/conversations/${held.id}/${action}`, body);
      expect([action, res.status]).toEqual([action, 422]);
      expect(JSON.stringify(res.body.detail)).toContain(JSON.stringify(says).slice(1, -1));
    }
    expect(await requestOf(t, held.ts)).toEqual(before);

    const closedOne = await as('POST', `/api/v1/conversations/${closed.id}/toggle_status`, {
      status: 'pending',
    });
    expect(closedOne.status).toBe(422);
    expect(closedOne.text).toContain('must be reopened (open) before it can be pending');

    const queries = ['status=done', 'team_id=1', 'since=yesterday', 'page=0'];
    for (const query of queries) {
      const res = await as('GET', `/api/v1/conversations?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
    }
    for (const id of ['6740c0ffee0123456789abcd', 'not-an-id']) {
      expect((await as('GET', `/api/v1/conversations/${id}`)).status).toBe(404);
    }
    expect((await t.api('GET', '/api/v1/conversations', undefined, null)).status).toBe(401);
  });

  it('asks for mandatory categories before resolving, as an agent’s close in Slack does', async () => {
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: {
        requests: {
          categories: [
            {
              category_name: 'Root cause',
              type: 'text',
              available_values: [],
              mandatory_on_close: true,
            },
          ],
        },
      },
    });
    expect(res.status).toBe(200);
    const refused = await as('POST', `/api/v1/conversations/${open.id}/toggle_status`, {
      status: 'resolved',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0].msg).toBe(
      'set the mandatory categories "Root cause" before resolving',
    );
    expect((await requestOf(t, open.ts))?.status).toBe('open');
  });
});
