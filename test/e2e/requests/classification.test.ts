import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  click,
  CUSTOMER,
  TRIAGE,
  customerWorld,
  eventually,
  newCustomer,
  pick,
  requestOf,
} from './world.js';

const SEVERITY = [
  { name: 'Sev 1 (outage)', value: 'sev1' },
  { name: 'Sev 2', value: 'sev2' },
];
const TAGS = [
  { name: 'Billing', value: 'billing' },
  { name: 'Login', value: 'login' },
  { name: 'Export', value: 'export' },
];

const card = async (t: TestBot, rootTs: string) => {
  const request = await requestOf(t, rootTs);
  return t.sim.message(TRIAGE, request?.triage.ts as string)?.blocks;
};
const cardText = async (t: TestBot, rootTs: string) => JSON.stringify(await card(t, rootTs));

async function newRequest(t: TestBot, customer: string, text: string) {
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text);
  await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
  return message;
}

/** Nothing classified: no severity, no tags, no history entry of either. */
async function expectUnclassified(t: TestBot, rootTs: string) {
  const stored = await requestOf(t, rootTs);
  expect(stored?.severity).toBeNull();
  expect(stored?.tags).toEqual([]);
  const types = stored?.history.map((h: { type: string }) => h.type);
  expect(types).not.toContain('severity');
  expect(types).not.toContain('tags');
}

describe('severity and tags on the triage card', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { support: { severity: SEVERITY, tags: TAGS } } });
  });
  afterAll(() => t.stop());

  it("offers the channel's severities and tags as menus on the card", async () => {
    const message = await newRequest(t, 'U0MENUS', 'Invoices are wrong');
    const blocks = await card(t, message.ts);
    const severity = findElement(blocks, ACTIONS.severity)?.element;
    const tags = findElement(blocks, ACTIONS.tags)?.element;
    expect(severity).toMatchObject({
      type: 'static_select',
      options: [
        { text: { type: 'plain_text', text: 'Sev 1 (outage)' }, value: 'sev1' },
        { text: { type: 'plain_text', text: 'Sev 2' }, value: 'sev2' },
      ],
    });
    expect(severity?.initial_option).toBeUndefined();
    expect(tags).toMatchObject({ type: 'multi_static_select' });
    expect((tags?.options as unknown[]).length).toBe(3);
  });

  it('sets the severity an agent picks: stored, in the history, shown on the card', async () => {
    const message = await newRequest(t, 'U0SEV', 'Nobody can log in');
    await pick(t, message.ts, ACTIONS.severity, 'sev1');

    await eventually(async () =>
      (await cardText(t, message.ts)).includes('Severity: *Sev 1 (outage)*'),
    );
    const stored = await requestOf(t, message.ts);
    expect(stored?.severity).toBe('sev1');
    expect(stored?.history.at(-1)).toMatchObject({
      type: 'severity',
      from: null,
      to: 'sev1',
      by: AGENT,
    });
    const menu = findElement(await card(t, message.ts), ACTIONS.severity)?.element;
    expect(menu?.initial_option).toMatchObject({ value: 'sev1' });

    await pick(t, message.ts, ACTIONS.severity, 'sev2', { user: AGENT_2 });
    await eventually(async () => (await cardText(t, message.ts)).includes('Severity: *Sev 2*'));
    expect((await requestOf(t, message.ts))?.history.at(-1)).toMatchObject({
      type: 'severity',
      from: 'sev1',
      to: 'sev2',
      by: AGENT_2,
    });
  });

  it('sets the tags an agent picks, and clears them when all are removed', async () => {
    const message = await newRequest(t, 'U0TAGS', 'The CSV export misses invoices');
    await pick(t, message.ts, ACTIONS.tags, ['export', 'billing']);

    await eventually(async () => (await cardText(t, message.ts)).includes('Tags: Export, Billing'));
    const stored = await requestOf(t, message.ts);
    expect(stored?.tags).toEqual(['export', 'billing']);
    expect(stored?.history.at(-1)).toMatchObject({
      type: 'tags',
      from: null,
      to: 'export, billing',
      by: AGENT,
    });
    const menu = findElement(await card(t, message.ts), ACTIONS.tags)?.element;
    expect(menu?.initial_options).toMatchObject([{ value: 'billing' }, { value: 'export' }]); // menu order

    await pick(t, message.ts, ACTIONS.tags, []);
    await eventually(async () => !(await cardText(t, message.ts)).includes('Tags:'));
    expect((await requestOf(t, message.ts))?.tags).toEqual([]);
  });

  it("refuses a customer's pick with an ephemeral and writes nothing", async () => {
    const message = await newRequest(t, 'U0NOSEV', 'Where is my refund?');
    t.sim.joinChannel(TRIAGE, CUSTOMER); // a customer who can see the triage channel
    await pick(t, message.ts, ACTIONS.severity, 'sev1', { user: CUSTOMER });

    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).at(-1));
    expect(told.text).toBe(
      ':no_entry: Only the support team classifies requests; nothing was changed.',
    );
    await expectUnclassified(t, message.ts);
  });

  it('refuses a pick made on an outdated card, and a value the channel does not offer', async () => {
    const message = await newRequest(t, 'U0STALE', 'Login loops forever');
    const before = findElement(await card(t, message.ts), ACTIONS.tags)?.block_id as string;
    await pick(t, message.ts, ACTIONS.severity, 'sev2');
    await eventually(async () => (await cardText(t, message.ts)).includes('Severity: *Sev 2*'));

    await pick(t, message.ts, ACTIONS.tags, ['login'], { user: AGENT_2, block_id: before });
    const stale = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT_2).at(-1));
    expect(stale.text).toBe(
      ':warning: This card changed since you opened it; nothing was changed. Please pick again on the updated card.',
    );
    expect((await requestOf(t, message.ts))?.tags).toEqual([]);

    await pick(t, message.ts, ACTIONS.severity, 'sev0', { forged: true });
    const forged = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT).at(-1));
    expect(forged.text).toBe(
      ':warning: Not saved: unknown severity "sev0" (one of: Sev 1 (outage), Sev 2). Nothing was changed.',
    );
    const stored = await requestOf(t, message.ts);
    expect(stored?.severity).toBe('sev2');
    expect(stored?.history.filter((h: { type: string }) => h.type === 'severity')).toHaveLength(1);
  });
});

describe('a channel without tags', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { support: { severity: [], tags: [] } } });
  });
  afterAll(() => t.stop());

  it('shows no classification menus', async () => {
    const message = await newRequest(t, 'U0PLAIN', 'Just a question');
    const blocks = await card(t, message.ts);
    expect(findElement(blocks, ACTIONS.severity)).toBeUndefined();
    expect(findElement(blocks, ACTIONS.tags)).toBeUndefined();
    await expectUnclassified(t, message.ts);
  });
});

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
