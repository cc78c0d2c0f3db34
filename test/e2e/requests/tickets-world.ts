import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, eventually } from './world.js';

/** The stored request of a root message in `channel`. */
export const requestIn = (t: TestBot, rootTs: string, channel = CHANNEL) =>
  t.db.collection('requests').findOne({ channelId: channel, rootTs });

/** Internal ticket settings: two types (one of them Product), tags, a prefilled field. */
export const TICKET_SETTINGS = {
  types: [
    { name: 'Engineering', value: 'engineering' },
    { name: 'Product', value: 'product' },
  ],
  tags: [
    { name: 'Customer Onboarding', value: 'onboarding' },
    { name: 'Billing', value: 'billing' },
  ],
  additionalFields: [
    { name: 'Account tier', value: 'Gold' },
    { name: 'Jira', value: '' },
  ],
};

/** What the agent fills in; `summary` undefined keeps what the modal was prefilled with. */
export interface Answers {
  type?: string | null;
  tags?: string[];
  severity?: string | null;
  summary?: string;
  fields?: Record<string, string>;
}

const option = (value: string) => ({
  text: { type: 'plain_text', text: value, emoji: true },
  value,
});

/** `view.state.values` as Slack sends them for the ticket modal. */
export function ticketValues(answers: Answers, prefilled = '') {
  const fields = answers.fields ?? { 'Account tier': 'Gold', Jira: '' };
  return {
    it_type: {
      value: {
        type: 'static_select',
        selected_option: answers.type ? option(answers.type) : null,
      },
    },
    it_tags: {
      value: { type: 'multi_static_select', selected_options: (answers.tags ?? []).map(option) },
    },
    it_severity: {
      value: {
        type: 'static_select',
        selected_option: answers.severity ? option(answers.severity) : null,
      },
    },
    ...Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [
        `it_field_${name}`,
        { value: { type: 'plain_text_input', value } },
      ]),
    ),
    it_summary: { value: { type: 'plain_text_input', value: answers.summary ?? prefilled } },
  };
}

/** The ticket modal the bot opened last for `user`. */
export const ticketModal = (t: TestBot, user = AGENT) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === VIEWS.internalTicket && v.user === user)
    .at(-1);

/** The initial value of a modal input, by block id. */
export function initialValue(view: { view: Record<string, unknown> }, blockId: string) {
  const blocks = view.view.blocks as { block_id?: string; element?: { initial_value?: string } }[];
  return blocks.find((b) => b.block_id === blockId)?.element?.initial_value;
}

/** Clicks Raise internal ticket on the request's card and waits for the modal. */
export async function openTicketModal(
  t: TestBot,
  triage: string,
  rootTs: string,
  channel?: string,
) {
  const request = await requestIn(t, rootTs, channel);
  const before = t.sim.openedViews().length;
  await t.driver.action({
    user: AGENT,
    action_id: ACTIONS.raiseTicket,
    channel: triage,
    message_ts: request?.triage.ts,
    value: String(request?._id),
  } as never);
  return t.sim.waitFor(() => (t.sim.openedViews().length > before ? ticketModal(t) : undefined));
}

/** Raises a ticket from the card (modal opened, answers submitted) and waits until it is stored. */
export async function raiseTicket(
  t: TestBot,
  triage: string,
  rootTs: string,
  answers: Answers,
  channel?: string,
) {
  const modal = await openTicketModal(t, triage, rootTs, channel);
  await t.driver.viewSubmission({
    user: AGENT,
    view_id: modal.id,
    values: ticketValues(answers, initialValue(modal, 'it_summary')),
  });
  const ticket = await eventually(() =>
    t.db.collection('internal_tickets').findOne({ viewId: modal.id }),
  );
  return { modal, ticket };
}

/** The stored ticket once it has a message. */
export const postedTicket = (t: TestBot, id: unknown) =>
  eventually(async () => {
    const ticket = await t.db.collection('internal_tickets').findOne({ _id: id as never });
    return ticket?.post ? ticket : undefined;
  });

/** Clicks a status button on the ticket's message. */
export function clickStatus(
  t: TestBot,
  post: { channelId: string; ts: string },
  status: 'open' | 'in_progress' | 'done',
  user = AGENT,
) {
  return t.driver.action({
    user,
    action_id: `${ACTIONS.ticketStatus}${status}`,
    channel: post.channelId,
    message_ts: post.ts,
  } as never);
}
