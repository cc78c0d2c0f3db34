import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
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
  requestOf,
} from './world.js';

const DEFINITIONS = [
  {
    attribute_display_name: 'Plan',
    attribute_display_type: 'list',
    attribute_values: ['Enterprise', 'Team'],
  },
  { attribute_display_name: 'Seats', attribute_display_type: 'number' },
  { attribute_display_name: 'Renewal', attribute_display_type: 'date' },
  { attribute_display_name: 'Note', attribute_display_type: 'text' },
];

/** The "Edit fields" modal the bot opened last for `user`. */
const openedModal = (t: TestBot, user = AGENT) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === VIEWS.customFields && v.user === user)
    .at(-1);

/** Picks "Edit fields" in the card's overflow menu, as Slack sends it (`selected_option`). */
async function editFields(t: TestBot, rootTs: string, user = AGENT) {
  const request = await requestOf(t, rootTs);
  return t.driver.action({
    user,
    action_id: ACTIONS.fieldsMenu,
    type: 'overflow',
    channel: TRIAGE,
    message_ts: request?.triage.ts as string,
    selected_option: {
      text: { type: 'plain_text', text: 'Edit fields', emoji: true },
      value: String(request?._id),
    },
  });
}

/** `view.state.values` of the modal, as Slack sends each input type. */
const answers = (a: {
  plan?: string | null;
  seats?: string | null;
  renewal?: string | null;
  note?: string | null;
}) => ({
  field_plan: {
    field_value: {
      type: 'static_select',
      selected_option:
        a.plan === undefined || a.plan === null
          ? null
          : { text: { type: 'plain_text', text: a.plan, emoji: true }, value: a.plan },
    },
  },
  field_seats: { field_value: { type: 'number_input', value: a.seats ?? null } },
  field_renewal: { field_value: { type: 'datepicker', selected_date: a.renewal ?? null } },
  field_note: { field_value: { type: 'plain_text_input', value: a.note ?? null } },
});

async function openModal(t: TestBot, rootTs: string) {
  const before = t.sim.openedViews().length;
  await editFields(t, rootTs);
  return t.sim.waitFor(() => (t.sim.openedViews().length > before ? openedModal(t) : undefined));
}

describe('custom fields on the triage card', () => {
  let t: TestBot;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await customerWorld();
    for (const definition of DEFINITIONS) {
      const res = await t.api('POST', '/api/v1/custom_attribute_definitions', definition);
      ids[res.body.attribute_key] = res.body.id;
    }
    const gone = await t.api('POST', '/api/v1/custom_attribute_definitions', {
      attribute_display_name: 'Gone',
      attribute_display_type: 'text',
    });
    await t.api('DELETE', `/api/v1/custom_attribute_definitions/${gone.body.id}`);
    const picked = [gone.body.id, ids.plan, ids.seats, ids.renewal, ids.note].map((id) => ({
      custom_field_id: id,
      _id: id,
    }));
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { custom_fields: picked } },
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.stop());

  it('offers "Edit fields" in the card’s overflow menu, carrying the request id', async () => {
    const message = await newRequest(t, 'U0FMENU', 'Our renewal is coming up');
    const request = await requestOf(t, message.ts);
    const menu = findElement(await card(t, message.ts), ACTIONS.fieldsMenu);
    expect(menu?.element).toEqual({
      type: 'overflow',
      action_id: ACTIONS.fieldsMenu,
      options: [
        {
          text: { type: 'plain_text', text: 'Edit fields', emoji: true },
          value: String(request?._id),
        },
      ],
    });
    expect(menu?.block_id).toBe(`request_${String(request?._id)}`);
  });

  it('sets each type of field from the modal, shows them on the card and records each change', async () => {
    const message = await newRequest(t, 'U0FSET', 'Please upgrade us');
    const modal = await openModal(t, message.ts);
    // One optional input per field that applies (the deleted definition's id is passed over).
    expect(modal.view.blocks).toEqual([
      expect.objectContaining({
        block_id: 'field_plan',
        optional: true,
        element: expect.objectContaining({ type: 'static_select' }),
      }),
      expect.objectContaining({
        block_id: 'field_seats',
        element: expect.objectContaining({ type: 'number_input', is_decimal_allowed: true }),
      }),
      expect.objectContaining({
        block_id: 'field_renewal',
        element: expect.objectContaining({ type: 'datepicker' }),
      }),
      expect.objectContaining({
        block_id: 'field_note',
        element: expect.objectContaining({ type: 'plain_text_input' }),
      }),
    ]);
    const plan = findElement(modal.view.blocks, 'field_value')?.element;
    expect((plan?.options as { value: string }[]).map((o) => o.value)).toEqual([
      '__none__',
      'Enterprise',
      'Team',
    ]);

    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: answers({
        plan: 'Enterprise',
        seats: '12.5',
        renewal: '2026-12-01',
        note: 'Key account',
      }),
    });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    const stored = await requestOf(t, message.ts);
    expect(stored?.customFields).toEqual([
      { key: 'plan', value: 'Enterprise' },
      { key: 'seats', value: 12.5 },
      { key: 'renewal', value: '2026-12-01' },
      { key: 'note', value: 'Key account' },
    ]);
    expect(stored?.history.slice(-4)).toEqual([
      expect.objectContaining({
        type: 'custom_field',
        field: 'plan',
        from: null,
        to: 'Enterprise',
        by: AGENT,
      }),
      expect.objectContaining({
        type: 'custom_field',
        field: 'seats',
        from: null,
        to: '12.5',
        by: AGENT,
      }),
      expect.objectContaining({
        type: 'custom_field',
        field: 'renewal',
        from: null,
        to: '2026-12-01',
        by: AGENT,
      }),
      expect.objectContaining({
        type: 'custom_field',
        field: 'note',
        from: null,
        to: 'Key account',
        by: AGENT,
      }),
    ]);
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(
        'Plan: Enterprise · Seats: 12.5 · Renewal: 1 Dec 2026 · Note: Key account',
      ),
    );

    // Opened again, the modal shows the values; clearing two and keeping two changes two.
    const again = await openModal(t, message.ts);
    const elements = (again.view.blocks as { element: Record<string, unknown> }[]).map(
      (b) => b.element,
    );
    expect(elements[0]?.initial_option).toMatchObject({ value: 'Enterprise' });
    expect(elements[1]?.initial_value).toBe('12.5');
    expect(elements[2]?.initial_date).toBe('2026-12-01');
    expect(elements[3]?.initial_value).toBe('Key account');
    const entries = stored?.history.length ?? 0;
    await t.driver.viewSubmission({
      user: AGENT_2,
      view_id: again.id,
      values: answers({ plan: '__none__', seats: '12.5', renewal: '2026-12-01', note: null }),
    });
    expect(t.sim.view(again.id)?.status).toBe('closed');
    const cleared = await requestOf(t, message.ts);
    expect(cleared?.customFields).toEqual([
      { key: 'seats', value: 12.5 },
      { key: 'renewal', value: '2026-12-01' },
    ]);
    expect(cleared?.history.slice(entries)).toEqual([
      expect.objectContaining({ field: 'plan', from: 'Enterprise', to: null, by: AGENT_2 }),
      expect.objectContaining({ field: 'note', from: 'Key account', to: null, by: AGENT_2 }),
    ]);
    await eventually(async () => {
      const text = await cardText(t, message.ts);
      return text.includes('Seats: 12.5 · Renewal: 1 Dec 2026"') && !text.includes('Plan:');
    });
  });

  it('refuses a bad number and an option the list does not offer under their fields, writing nothing', async () => {
    const message = await newRequest(t, 'U0FBAD', 'How many seats do we have?');
    const modal = await openModal(t, message.ts);
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: answers({ plan: 'Gold', seats: 'twelve', note: 'fine' }),
    });
    expect(t.sim.view(modal.id)).toMatchObject({
      status: 'open',
      errors: {
        field_plan: 'Plan is one of: Enterprise, Team',
        field_seats: 'Seats takes a number',
      },
    });
    const stored = await requestOf(t, message.ts);
    expect(stored?.customFields).toEqual([]);
    expect(stored?.history.some((h: { type: string }) => h.type === 'custom_field')).toBe(false);
  });

  it('refuses someone outside the support team with an ephemeral and opens nothing', async () => {
    const message = await newRequest(t, 'U0FCUST', 'Can I edit this?');
    t.sim.joinChannel(TRIAGE, CUSTOMER);
    const opened = t.sim.openedViews().length;
    await editFields(t, message.ts, CUSTOMER);
    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).at(-1));
    expect(told.text).toBe(
      ":no_entry: Only the support team edits a request's fields; nothing was changed.",
    );
    expect(t.sim.openedViews().length).toBe(opened);
  });

  it('refuses "Edit fields" from an outdated card (the request was discarded) and shows no menu since', async () => {
    const message = await newRequest(t, 'U0FOLD', 'Never mind');
    await click(t, message.ts, ACTIONS.discard);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'discarded');
    await eventually(async () => !findElement(await card(t, message.ts), ACTIONS.fieldsMenu));
    const opened = t.sim.openedViews().length;
    await editFields(t, message.ts, AGENT_2);
    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT_2).at(-1));
    expect(told.text).toContain('This card changed since you opened it; nothing was changed.');
    expect(t.sim.openedViews().length).toBe(opened);
  });

  it('refuses a submission made on values someone else changed since the modal opened', async () => {
    const message = await newRequest(t, 'U0FRACE', 'Two agents at once');
    const modal = await openModal(t, message.ts);
    const id = String((await requestOf(t, message.ts))?._id);
    const api = await t.api('POST', `/api/v1/conversations/${id}/custom_attributes`, {
      custom_attributes: { seats: 40 },
    });
    expect(api.status).toBe(200);
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: answers({ seats: '5' }),
    });
    expect(t.sim.view(modal.id)).toMatchObject({
      status: 'open',
      errors: {
        field_plan: expect.stringContaining('Someone changed these fields since you opened this'),
      },
    });
    expect((await requestOf(t, message.ts))?.customFields).toEqual([{ key: 'seats', value: 40 }]);
  });
});

describe('a channel without custom fields', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('shows no overflow menu and no fields line', async () => {
    const message = await newRequest(t, 'U0FNONE', 'Plain request');
    expect(findElement(await card(t, message.ts), ACTIONS.fieldsMenu)).toBeUndefined();
    expect(await cardText(t, message.ts)).not.toContain('overflow');
  });
});
