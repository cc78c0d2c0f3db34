import { ACTIONS } from '../../../src/constants.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CUSTOMER,
  click,
  customerWorld,
  newRequest,
  requestOf,
} from '../requests/world.js';

interface Option {
  text: { text: string };
  value: string;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; options: Option[]; initial_option: Option };
}

/** What `user` sees on the Home tab: headers, the views menu, the requests listed (ids, in order). */
function home(t: TestBot, user: string) {
  const view = t.sim.homeView(user);
  const blocks = (view?.view.blocks ?? []) as Block[];
  const menu = blocks.find((b) => b.block_id === 'home_views');
  return {
    id: view?.id as string,
    metadata: view?.view.private_metadata ?? '',
    headers: blocks.filter((b) => b.type === 'header').map((b) => b.text?.text),
    text: JSON.stringify(blocks),
    views: menu?.accessory?.options.map((o) => o.text.text),
    chosen: menu?.accessory?.initial_option.text.text,
    options: menu?.accessory?.options ?? [],
    requests: blocks
      .filter((b) => b.block_id?.startsWith('home_request_'))
      .map((b) => b.block_id?.slice('home_request_'.length)),
  };
}

describe('App Home: an agent’s saved filters are their views', () => {
  let t: TestBot;
  let alice: string;
  const ids: Record<string, string> = {};
  const save = async (token: string, name: string, payload: unknown[]) => {
    const res = await t.api('POST', '/api/v1/custom_filters', { name, query: { payload } }, token);
    if (res.status !== 201) throw new Error(res.text);
    return res.body.id as string;
  };
  /** Alice picks a view in her Home's menu, exactly as Slack sends the choice. */
  const choose = async (name: string) => {
    const before = home(t, AGENT);
    const option = before.options.find((o) => o.text.text === name);
    if (!option) throw new Error(`no view ${name}`);
    const res = await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.homeView,
      type: 'static_select',
      selected_option: {
        text: { type: 'plain_text', text: name, emoji: true },
        value: option.value,
      },
      view_id: before.id,
    });
    expect(res.status).toBe(200);
    return home(t, AGENT);
  };

  beforeAll(async () => {
    t = await customerWorld();
    for (const [name, customer, text] of [
      ['march', 'U0ERIN', 'Invoices are missing for March'],
      ['hooks', 'U0FRANK', 'Webhooks stopped firing'],
      ['refund', 'U0GINA', 'Refund for INVOICE 42'],
    ] as const) {
      const message = await newRequest(t, customer, text);
      ids[name] = String((await requestOf(t, message.ts))?._id);
      ids[`${name}Ts`] = message.ts;
    }
    await click(t, ids.hooksTs as string, ACTIONS.assignToMe, AGENT);
    await click(t, ids.refundTs as string, ACTIONS.close, AGENT);
    alice = await createApiToken(t.bot.deps.models, t.teamId, AGENT, { role: 'agent' });
    const bob = await createApiToken(t.bot.deps.models, t.teamId, AGENT_2, { role: 'agent' });
    const contains = { attribute_key: 'content', filter_operator: 'contains', values: ['invoice'] };
    ids.invoices = await save(alice, 'Invoices', [contains]);
    await save(alice, 'Severe ones', [
      { attribute_key: 'severity', filter_operator: 'is_present' },
    ]);
    await save(bob, 'Bob’s view', [
      { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'] },
    ]);
  });
  afterAll(() => t.stop());

  it('offers the agent their own saved filters under "Your views", the default lists chosen', async () => {
    await t.driver.appHomeOpened(AGENT);
    const view = home(t, AGENT);
    expect(view.views).toEqual(['All open requests', 'Invoices', 'Severe ones']);
    expect(view.chosen).toBe('All open requests');
    expect(view.headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (1)']);
    expect(view.requests).toEqual([ids.hooks, ids.march]);
  });

  it('shows exactly the chosen view’s requests, any status, newest first, each linked', async () => {
    const view = await choose('Invoices');
    expect(view.headers).toEqual(['Requests', 'Invoices (2)']);
    expect(view.requests).toEqual([ids.refund, ids.march]);
    expect(view.chosen).toBe('Invoices');
    expect(view.metadata).toBe(ids.invoices);
    expect(view.text).toContain(
      `/archives/C0EXTACME/p${(ids.refundTs as string).replace('.', '')}`,
    );
    expect(view.text).toContain(':white_check_mark: *Closed*');
    // What it shows is what the stored filter selects.
    const stored = await t.db
      .collection('custom_filters')
      .findOne({ userId: AGENT, name: 'Invoices' });
    expect(String(stored?._id)).toBe(ids.invoices);
  });

  it('keeps the chosen view when the agent refreshes or opens the Home again', async () => {
    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.homeRefresh,
      view_id: home(t, AGENT).id,
    });
    expect(home(t, AGENT).headers).toEqual(['Requests', 'Invoices (2)']);
    await t.driver.appHomeOpened(AGENT);
    expect(home(t, AGENT).requests).toEqual([ids.refund, ids.march]);
  });

  it('says so when a view matches nothing, and "All open requests" returns to the lists', async () => {
    const none = await choose('Severe ones');
    expect(none.headers).toEqual(['Requests', 'Severe ones (0)']);
    expect(none.requests).toEqual([]);
    expect(none.text).toContain('No requests match.');
    const all = await choose('All open requests');
    expect(all.headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (1)']);
    expect(all.metadata).toBe('');
  });

  it('falls back to the lists when the chosen view was deleted meanwhile', async () => {
    await choose('Invoices');
    const res = await t.api('DELETE', `/api/v1/custom_filters/${ids.invoices}`, undefined, alice);
    expect(res.status).toBe(204);
    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.homeRefresh,
      view_id: home(t, AGENT).id,
    });
    const view = home(t, AGENT);
    expect(view.headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (1)']);
    expect(view.views).toEqual(['All open requests', 'Severe ones']);
  });

  it('offers another agent only their own views, and a customer none', async () => {
    await t.driver.appHomeOpened(AGENT_2);
    expect(home(t, AGENT_2).views).toEqual(['All open requests', 'Bob’s view']);
    await t.driver.appHomeOpened(CUSTOMER);
    const customer = home(t, CUSTOMER);
    expect(customer.views).toBeUndefined();
    expect(customer.text).not.toContain('Your views');
  });
});
