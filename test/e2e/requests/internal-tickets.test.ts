import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  clickStatus,
  initialValue,
  openTicketModal,
  postedTicket,
  raiseTicket,
  requestIn,
  TICKET_SETTINGS,
  ticketModal,
  ticketValues,
} from './tickets-world.js';
import {
  AGENT,
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

const PRODUCT = 'C0PRODUCT';
const NOT_JOINED = 'C0PRODNOBOT';

const tickets = (t: TestBot) => t.db.collection('internal_tickets');
const buttonIds = (blocks: unknown) =>
  (
    (blocks as { type: string; elements?: { action_id: string }[] }[]).find(
      (b) => b.type === 'actions',
    )?.elements ?? []
  ).map((e) => e.action_id);
const threadText = (t: TestBot, rootTs: string, channel = CHANNEL) =>
  t.sim
    .thread(channel, rootTs)
    .slice(1)
    .map((m) => m.text ?? '');

describe('internal tickets raised from the triage card', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      internal_ticket: { ...TICKET_SETTINGS, ticket_type_channels: { Product: PRODUCT } },
    });
    t.sim.addChannel({ id: PRODUCT, name: 'product', members: [t.sim.botUserId, AGENT] });
    t.sim.addChannel({ id: NOT_JOINED, name: 'product-2', members: [AGENT] });
    t.sim.joinChannel(TRIAGE, CUSTOMER);
  });
  afterAll(() => t.stop());

  it('opens the modal from the card, posts the ticket with its buttons, notes it in the thread and on the card', async () => {
    const message = await newRequest(t, 'U0IT1', 'Export to CSV drops the last row');
    expect(findElement(await card(t, message.ts), ACTIONS.raiseTicket)?.element).toMatchObject({
      type: 'button',
      text: { text: 'Raise internal ticket' },
    });
    const modal = await openTicketModal(t, TRIAGE, message.ts);
    expect(initialValue(modal, 'it_summary')).toBe('Export to CSV drops the last row');
    expect(initialValue(modal, 'it_field_Account tier')).toBe('Gold');
    expect(JSON.stringify(modal.view.blocks)).toContain('"value":"engineering"');

    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues(
        { type: 'engineering', severity: 'High', tags: ['onboarding'] },
        'Export to CSV drops the last row',
      ),
    });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    const stored = await postedTicket(
      t,
      (await eventually(() => tickets(t).findOne({ viewId: modal.id })))._id,
    );
    expect(stored).toMatchObject({
      number: 1,
      type: 'engineering',
      severity: 'High',
      tags: ['onboarding'],
      fields: [{ name: 'Account tier', value: 'Gold' }],
      summary: 'Export to CSV drops the last row',
      status: 'open',
      createdBy: AGENT,
      post: { channelId: TRIAGE },
    });
    const posted = t.sim.message(TRIAGE, stored.post.ts);
    const shown = JSON.stringify(posted?.blocks);
    expect(shown).toContain('IT-1 · Engineering · High');
    expect(shown).toContain('*Tags:* Customer Onboarding');
    expect(shown).toContain('*Account tier:* Gold');
    expect(shown).toContain(`raised by <@${AGENT}>`);
    expect(shown).toContain(`<#${CHANNEL}|ext-acme>`);
    expect(buttonIds(posted?.blocks)).toEqual([
      `${ACTIONS.ticketStatus}in_progress`,
      `${ACTIONS.ticketStatus}done`,
    ]);
    const link = `https://slack.com/archives/${TRIAGE}/p${stored.post.ts.replace('.', '')}`;
    await eventually(async () =>
      threadText(t, message.ts).includes(
        `:hammer_and_wrench: Internal ticket <${link}|IT-1> (Engineering) raised by <@${AGENT}>`,
      ),
    );
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`<${link}|IT-1> Engineering: Open`),
    );
    expect((await requestOf(t, message.ts))?.internalTicketIds).toEqual([String(stored._id)]);
  });

  it('moves a ticket with its buttons: message redrawn, thread told, card updated; the same status again does nothing', async () => {
    const message = await newRequest(t, 'U0IT2', 'Webhook retries never stop');
    const { ticket } = await raiseTicket(t, TRIAGE, message.ts, { type: 'engineering' });
    const { post } = await postedTicket(t, ticket._id);
    await clickStatus(t, post, 'in_progress');
    await eventually(
      async () => (await tickets(t).findOne({ _id: ticket._id }))?.status === 'in_progress',
    );
    const label = `IT-${ticket.number}`;
    await eventually(async () =>
      threadText(t, message.ts).some((m) =>
        m.includes(`|${label}> is now In progress (by <@${AGENT}>)`),
      ),
    );
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`|${label}> Engineering: In progress`),
    );
    const redrawn = t.sim.message(post.channelId, post.ts);
    expect(JSON.stringify(redrawn?.blocks)).toContain('*In progress* · raised by');
    expect(buttonIds(redrawn?.blocks)).toEqual([
      `${ACTIONS.ticketStatus}open`,
      `${ACTIONS.ticketStatus}done`,
    ]);

    const notes = threadText(t, message.ts).length;
    await clickStatus(t, post, 'in_progress');
    await clickStatus(t, post, 'done');
    await eventually(
      async () => (await tickets(t).findOne({ _id: ticket._id }))?.status === 'done',
    );
    const stored = await tickets(t).findOne({ _id: ticket._id });
    expect(stored?.history.map((h: { status: string; by: string }) => [h.status, h.by])).toEqual([
      ['open', AGENT],
      ['in_progress', AGENT],
      ['done', AGENT],
    ]);
    await eventually(async () => threadText(t, message.ts).length === notes + 1);
    expect(threadText(t, message.ts).at(-1)).toContain(`|${label}> is now Done`);
  });

  it('posts a Product ticket in the Product channel, and in the triage channel once that is unset', async () => {
    const message = await newRequest(t, 'U0IT3', 'We need SAML groups');
    const first = await raiseTicket(t, TRIAGE, message.ts, { type: 'product' });
    expect((await postedTicket(t, first.ticket._id)).post.channelId).toBe(PRODUCT);
    expect(JSON.stringify(t.sim.messages(PRODUCT).at(-1)?.blocks)).toContain(
      `IT-${first.ticket.number} · Product`,
    );

    const unset = { internal_ticket: { ticket_type_channels: { Product: null } } };
    expect(
      (await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: unset })).status,
    ).toBe(200);
    const second = await raiseTicket(t, TRIAGE, message.ts, { type: 'product' });
    expect((await postedTicket(t, second.ticket._id)).post.channelId).toBe(TRIAGE);
    await eventually(async () => {
      const text = await cardText(t, message.ts);
      return (
        text.includes(`|IT-${first.ticket.number}> Product: Open`) &&
        text.includes(`|IT-${second.ticket.number}> Product: Open`)
      );
    });
    const restore = { internal_ticket: { ticket_type_channels: { Product: PRODUCT } } };
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: restore });
  });

  it('keeps the ticket and tells the agent when its message cannot be posted', async () => {
    const move = { internal_ticket: { ticket_type_channels: { Product: NOT_JOINED } } };
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: move });
    const message = await newRequest(t, 'U0IT4', 'Roadmap question');
    const { ticket } = await raiseTicket(t, TRIAGE, message.ts, { type: 'product' });
    const told = await t.sim.waitFor(() =>
      t.sim
        .ephemerals(TRIAGE, AGENT)
        .find((e) => e.text?.includes(`IT-${ticket.number} was saved`)),
    );
    expect(told.text).toContain(`could not be posted in <#${NOT_JOINED}>`);
    await eventually(async () =>
      threadText(t, message.ts).includes(
        `:hammer_and_wrench: Internal ticket IT-${ticket.number} (Product) raised by <@${AGENT}>`,
      ),
    );
    expect((await tickets(t).findOne({ _id: ticket._id }))?.post).toBeNull();
    const restore = { internal_ticket: { ticket_type_channels: { Product: PRODUCT } } };
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: restore });
  });

  it('makes one ticket of a retried submission', async () => {
    const message = await newRequest(t, 'U0IT5', 'Duplicate invoices');
    const { modal, ticket } = await raiseTicket(t, TRIAGE, message.ts, { type: 'engineering' });
    await postedTicket(t, ticket._id);
    const posts = t.sim.messages(TRIAGE).length;
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues({ type: 'engineering' }, 'Duplicate invoices'),
    });
    const request = await requestOf(t, message.ts);
    expect(await tickets(t).countDocuments({ requestId: String(request?._id) })).toBe(1);
    expect(request?.internalTicketIds).toHaveLength(1);
    expect(t.sim.messages(TRIAGE).length).toBe(posts);
  });

  it('refuses an empty summary and a type or tag no longer offered, naming the field, and writes nothing', async () => {
    const message = await newRequest(t, 'U0IT6', 'Login loop');
    const modal = await openTicketModal(t, TRIAGE, message.ts);
    const count = await tickets(t).countDocuments();
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues({ type: 'engineering', summary: '   ' }),
    });
    expect(t.sim.view(modal.id)).toMatchObject({
      status: 'open',
      errors: { it_summary: 'Write a summary' },
    });
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues({ type: 'legal', tags: ['vip'], summary: 'Login loop' }),
    });
    expect(t.sim.view(modal.id)?.errors).toEqual({
      it_type: '"legal" is not an internal ticket type any more (one of: Engineering, Product)',
      it_tags: 'Not a tag any more: vip (one of: Customer Onboarding, Billing)',
    });
    expect(await tickets(t).countDocuments()).toBe(count);
    expect((await requestOf(t, message.ts))?.internalTicketIds).toEqual([]);
  });

  it("refuses a customer's raise and status click with an ephemeral, changing nothing", async () => {
    const message = await newRequest(t, 'U0IT7', 'Slow dashboard');
    const opened = t.sim.openedViews().length;
    await click(t, message.ts, ACTIONS.raiseTicket, CUSTOMER);
    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).at(-1));
    expect(told.text).toBe(
      ':no_entry: Only the support team can raise or move internal tickets. Nothing was changed.',
    );
    expect(t.sim.openedViews().length).toBe(opened);

    const { ticket } = await raiseTicket(t, TRIAGE, message.ts, { type: 'engineering' });
    const { post } = await postedTicket(t, ticket._id);
    const before = t.sim.ephemerals(TRIAGE, CUSTOMER).length;
    await clickStatus(t, post, 'done', CUSTOMER);
    await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).length > before);
    expect(t.sim.ephemerals(TRIAGE, CUSTOMER).at(-1)?.text).toBe(told.text);
    expect((await tickets(t).findOne({ _id: ticket._id }))?.status).toBe('open');
  });

  it('refuses a raise from an outdated card, and a modal submitted after the request closed', async () => {
    const message = await newRequest(t, 'U0IT8', 'Cannot reset password');
    const modal = await openTicketModal(t, TRIAGE, message.ts);
    await click(t, message.ts, ACTIONS.close);
    await eventually(async () => (await requestOf(t, message.ts))?.status === 'closed');
    expect(findElement(await card(t, message.ts), ACTIONS.raiseTicket)).toBeUndefined();

    await click(t, message.ts, ACTIONS.raiseTicket);
    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT).at(-1));
    expect(told.text).toBe(
      ':no_entry: This request is closed; internal tickets are raised on open requests only. Nothing was raised.',
    );
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues({ type: 'engineering' }, 'Cannot reset password'),
    });
    expect(t.sim.view(modal.id)?.errors).toEqual({ it_type: told.text });
    const request = await requestOf(t, message.ts);
    expect(await tickets(t).countDocuments({ requestId: String(request?._id) })).toBe(0);
  });
});

describe('internal tickets of a private channel', () => {
  const PRIVATE = 'C0EXTSECRET';
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    t.sim.addChannel({
      id: PRIVATE,
      name: 'ext-secret',
      is_private: true,
      is_ext_shared: true,
      members: [t.sim.botUserId, CUSTOMER, AGENT],
    });
  });
  afterAll(() => t.stop());

  it('neither names the channel nor prefills its text under hidePrivateChannelMetadata', async () => {
    await t.driver.customerSays(PRIVATE, CUSTOMER, 'hello'); // registers the channel
    expect(
      (await t.api('PUT', `/api/v1/channels/${PRIVATE}`, { triage_channel_id: TRIAGE })).status,
    ).toBe(200);
    const update = { internal_ticket: TICKET_SETTINGS };
    expect((await t.api('PATCH', `/api/v1/channels/${PRIVATE}/settings`, { update })).status).toBe(
      200,
    );
    t.sim.addUser({ id: 'U0SECRET', name: 'sam', team_id: 'T0ACME' });
    t.sim.joinChannel(PRIVATE, 'U0SECRET');
    const { message } = await t.driver.customerSays(PRIVATE, 'U0SECRET', 'Our merger plans');
    await eventually(async () => (await requestIn(t, message.ts, PRIVATE))?.triage.ts);

    const modal = await openTicketModal(t, TRIAGE, message.ts, PRIVATE);
    expect(modal.view.callback_id).toBe(VIEWS.internalTicket);
    expect(initialValue(modal, 'it_summary')).toBeUndefined();
    await t.driver.viewSubmission({
      user: AGENT,
      view_id: modal.id,
      values: ticketValues({ type: 'engineering', summary: 'Customer asks about a deal' }),
    });
    const ticket = await eventually(() =>
      t.db.collection('internal_tickets').findOne({ viewId: modal.id }),
    );
    const { post } = await postedTicket(t, ticket._id);
    const shown = JSON.stringify(t.sim.message(post.channelId, post.ts)?.blocks);
    expect(shown).toContain(`<#${PRIVATE}>`);
    expect(shown).not.toContain('ext-secret');
    expect(shown).not.toContain('merger');
    expect(ticketModal(t)?.id).toBe(modal.id);
  });
});
