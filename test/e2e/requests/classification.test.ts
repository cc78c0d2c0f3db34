import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  AGENT,
  AGENT_2,
  CUSTOMER,
  TRIAGE,
  customerWorld,
  eventually,
  card,
  cardText,
  newRequest,
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
