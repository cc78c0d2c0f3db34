import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  card,
  cardText,
  click,
  customerWorld,
  eventually,
  newRequest,
  pick,
  requestOf,
} from './world.js';
import { clickNudge, customerAsks, nudgesIn, replies, timerWorld } from '../timers/world.js';

const CATEGORIES = [
  {
    category_name: 'Area',
    type: 'select',
    available_values: [
      { name: 'Billing', value: 'billing' },
      { name: 'Login', value: 'login' },
    ],
    capture_change: true,
  },
  { category_name: 'Root cause', type: 'text', capture_change: true },
  { category_name: 'Note', type: 'text' },
];
const AREA = `${ACTIONS.categorySelect}Area`;
const ROOT_CAUSE = `${ACTIONS.categoryText}Root cause`;
const NOTE = `${ACTIONS.categoryText}Note`;

/** The categories modal the bot opened last for `user`. */
const openedModal = (t: TestBot, user = AGENT) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === VIEWS.categories && v.user === user)
    .at(-1);
const typed = (block: string, value: string) => ({
  [`category_${block}`]: { value: { type: 'plain_text_input', value } },
});

describe('categories on the triage card', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { categories: CATEGORIES } });
  });
  afterAll(() => t.stop());

  it("sets a select category from the card's menu, with a history entry when changes are captured", async () => {
    const message = await newRequest(t, 'U0AREA', 'I was charged twice');
    const menu = findElement(await card(t, message.ts), AREA)?.element;
    expect(menu).toMatchObject({
      type: 'static_select',
      options: [{ value: 'billing' }, { value: 'login' }],
    });

    await pick(t, message.ts, AREA, 'billing');
    await eventually(async () => (await cardText(t, message.ts)).includes('Area: *Billing*'));
    const stored = await requestOf(t, message.ts);
    expect(stored?.categories).toEqual([{ name: 'Area', value: 'billing' }]);
    expect(stored?.history.at(-1)).toMatchObject({
      type: 'category',
      field: 'Area',
      from: null,
      to: 'billing',
      by: AGENT,
    });
    expect(findElement(await card(t, message.ts), AREA)?.element.initial_option).toMatchObject({
      value: 'billing',
    });
  });

  it('opens a modal for a text category and refuses an empty or too long answer under its field', async () => {
    const message = await newRequest(t, 'U0CAUSE', 'The export timed out');
    expect(findElement(await card(t, message.ts), ROOT_CAUSE)?.element).toMatchObject({
      type: 'button',
      text: { text: 'Set Root cause' },
    });
    await click(t, message.ts, ROOT_CAUSE);
    const modal = await t.sim.waitFor(() => openedModal(t));
    expect(JSON.stringify(modal.view.blocks)).toContain('"block_id":"category_Root cause"');

    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed('Root cause', '   '),
    });
    expect(t.sim.view(modal.id)).toMatchObject({
      status: 'open',
      errors: { 'category_Root cause': 'Root cause needs a value' },
    });
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed('Root cause', 'x'.repeat(501)),
    });
    expect(t.sim.view(modal.id)?.errors).toEqual({
      'category_Root cause': 'Root cause is at most 500 characters',
    });
    expect((await requestOf(t, message.ts))?.categories).toEqual([]);

    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed('Root cause', ' Disk full on the export worker '),
    });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    const stored = await requestOf(t, message.ts);
    expect(stored?.categories).toEqual([
      { name: 'Root cause', value: 'Disk full on the export worker' },
    ]);
    expect(stored?.history.at(-1)).toMatchObject({
      type: 'category',
      field: 'Root cause',
      by: AGENT,
    });
    await eventually(async () =>
      (await cardText(t, message.ts)).includes('Root cause: *Disk full on the export worker*'),
    );
  });

  it('records no history for a category whose changes are not captured', async () => {
    const message = await newRequest(t, 'U0NOTE', 'Just so you know');
    await click(t, message.ts, NOTE);
    const modal = await t.sim.waitFor(() => openedModal(t));
    const before = (await requestOf(t, message.ts))?.history.length;
    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: typed('Note', 'VIP') });
    await eventually(async () => (await cardText(t, message.ts)).includes('Note: *VIP*'));
    const stored = await requestOf(t, message.ts);
    expect(stored?.categories).toEqual([{ name: 'Note', value: 'VIP' }]);
    expect(stored?.history.length).toBe(before);
  });

  it("refuses a customer's category button and a select value the channel does not offer", async () => {
    const message = await newRequest(t, 'U0CATNO', 'Hello?');
    t.sim.joinChannel(TRIAGE, CUSTOMER);
    const opened = t.sim.openedViews().length;
    await click(t, message.ts, ROOT_CAUSE, CUSTOMER);
    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).at(-1));
    expect(told.text).toBe(
      ':no_entry: Only the support team classifies requests; nothing was changed.',
    );
    expect(t.sim.openedViews().length).toBe(opened);

    await pick(t, message.ts, AREA, 'shipping', { user: AGENT_2, forged: true });
    const forged = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT_2).at(-1));
    expect(forged.text).toBe(
      ':warning: Not saved: Area has no value "shipping" (one of: Billing, Login). Nothing was changed.',
    );
    expect((await requestOf(t, message.ts))?.categories).toEqual([]);
  });
});

const MANDATORY = [
  { ...CATEGORIES[0], mandatory_on_close: true },
  { category_name: 'Root cause', type: 'text', capture_change: true, mandatory_on_close: true },
];
const bothAnswered = {
  category_Area: {
    value: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'Login', emoji: true }, value: 'login' },
    },
  },
  ...typed('Root cause', 'Expired certificate'),
};
const statusOf = async (t: TestBot, ts: string) => (await requestOf(t, ts))?.status;

describe('mandatory categories on close', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld(
      { requests: { categories: MANDATORY, config: { auto_close_duration_in_minutes: 60 } } },
      { clock: new VirtualClock('2026-01-05T09:00:00Z') },
    );
  });
  afterAll(() => t.stop());

  it('asks for the missing categories when an agent clicks Close, and closes once they are given', async () => {
    const message = await newRequest(t, 'U0MAND', 'SSO login fails');
    await click(t, message.ts, ACTIONS.close);
    const modal = await t.sim.waitFor(() => openedModal(t));
    expect(JSON.parse(modal.view.private_metadata as string)).toMatchObject({ close: true });
    expect(await statusOf(t, message.ts)).toBe('open');

    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed('Root cause', ''),
    });
    expect(t.sim.view(modal.id)?.errors).toEqual({
      'category_Root cause': 'Root cause needs a value',
    });
    expect(await statusOf(t, message.ts)).toBe('open');

    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: bothAnswered });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    await eventually(async () => (await statusOf(t, message.ts)) === 'closed');
    const stored = await requestOf(t, message.ts);
    expect(stored?.categories).toEqual([
      { name: 'Area', value: 'login' },
      { name: 'Root cause', value: 'Expired certificate' },
    ]);
    // Set, then closed, in that order.
    expect(
      stored?.history.slice(-3).map((h: { type: string; to: string }) => [h.type, h.to]),
    ).toEqual([
      ['category', 'login'],
      ['category', 'Expired certificate'],
      ['status', 'closed'],
    ]);
    await eventually(async () => (await cardText(t, message.ts)).includes('Closed'));
    expect(await cardText(t, message.ts)).not.toContain('Needs category');
  });

  it('holds a ✅ close with an ephemeral whose button opens the modal', async () => {
    const message = await newRequest(t, 'U0TICK', 'Webhooks stopped');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'white_check_mark');
    const prompt = await t.sim.waitFor(() => t.sim.ephemerals(CHANNEL, AGENT).at(-1));
    expect(prompt.text).toBe(
      'This request needs Area, Root cause before it is closed; it is still open.',
    );
    expect(await statusOf(t, message.ts)).toBe('open');

    const request = await requestOf(t, message.ts);
    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.categoriesForClose,
      value: String(request?._id),
      channel: CHANNEL,
      message_ts: prompt.ts,
      is_ephemeral: true,
    });
    const modal = await t.sim.waitFor(() => openedModal(t));
    expect(JSON.stringify(modal.view.blocks)).toContain('category_Area');
    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: bothAnswered });
    await eventually(async () => (await statusOf(t, message.ts)) === 'closed');
  });

  it('lets auto-close close, flags the card "needs category" until an agent sets them', async () => {
    const message = await newRequest(t, 'U0QUIET', 'Never mind, maybe');
    await t.advance(60);
    await eventually(async () => (await statusOf(t, message.ts)) === 'closed');
    await eventually(async () =>
      (await cardText(t, message.ts)).includes('*Needs category*: Area, Root cause'),
    );

    await pick(t, message.ts, AREA, 'billing');
    await eventually(async () =>
      (await cardText(t, message.ts)).includes('*Needs category*: Root cause'),
    );
    await click(t, message.ts, ROOT_CAUSE);
    const modal = await t.sim.waitFor(() => openedModal(t));
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: typed('Root cause', 'Customer went quiet'),
    });
    await eventually(async () => !(await cardText(t, message.ts)).includes('Needs category'));
    expect(await statusOf(t, message.ts)).toBe('closed');
  });
});

describe('mandatory categories and the close nudge', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ close_nudge_duration_in_minutes: 60 }));
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { categories: MANDATORY } },
    });
    if (res.status !== 200) throw new Error(res.text);
  });
  afterAll(() => t.stop());

  it("asks the agent who clicks the nudge's Close, and lets the customer's Close close", async () => {
    const asked = await customerAsks(t, 'U0NUDGED', 'Where is my invoice?');
    await replies(t, asked.ts, AGENT, 'In the billing tab.');
    await t.advance(60);
    const [agentNudge] = nudgesIn(t, TRIAGE, asked.cardTs);
    await clickNudge(t, agentNudge!, ACTIONS.nudgeClose, AGENT, asked.id);
    const modal = await t.sim.waitFor(() => openedModal(t));
    expect(JSON.parse(modal.view.private_metadata as string)).toMatchObject({ close: true });
    expect(await statusOf(t, asked.ts)).toBe('in_progress');

    const [customerNudge] = nudgesIn(t, CHANNEL, asked.ts);
    await clickNudge(t, customerNudge!, ACTIONS.nudgeClose, 'U0NUDGED', asked.id);
    await eventually(async () => (await statusOf(t, asked.ts)) === 'closed');
    await eventually(async () =>
      (await cardText(t, asked.ts)).includes('*Needs category*: Area, Root cause'),
    );
  });
});
