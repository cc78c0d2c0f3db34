import { findElement } from '../../support/slack/interactions.js';
import { startTestBot, type TestBot, type TestBotOptions } from '../../support/bot.js';

export const CUSTOMER = 'U0CUSTOMER';
export const CUSTOMER_2 = 'U0CUSTOMER2';
export const AGENT = 'U0AGENT';
export const AGENT_2 = 'U0AGENT2';
export const CSM = 'U0CSM';
export const CHANNEL = 'C0EXTACME';
export const TRIAGE = 'C0TRIAGE';

/**
 * A workspace with a Slack Connect customer channel (#ext-acme, customers from Acme's own
 * org), a triage channel with two agents, linked through the HTTP API as a user would.
 */
export async function customerWorld(
  settings?: Record<string, unknown>,
  options: TestBotOptions = {},
): Promise<TestBot> {
  const t = await startTestBot(options);
  t.sim.addTeam({
    id: 'T0ACME',
    name: 'Acme Corp',
    icon: { image_132: 'https://acme.example/logo.png' },
  } as never);
  t.sim.addUser({ id: CUSTOMER, name: 'carol', real_name: 'Carol Customer', team_id: 'T0ACME' });
  t.sim.addUser({ id: CUSTOMER_2, name: 'dave', team_id: 'T0ACME' });
  t.sim.addUser({ id: AGENT, name: 'alice', real_name: 'Alice Agent' });
  t.sim.addUser({ id: AGENT_2, name: 'bob', real_name: 'Bob Agent' });
  t.sim.addUser({
    id: CSM,
    name: 'cass',
    real_name: 'Cass CSM',
    profile: { display_name: 'Cass', image_72: 'https://img/cass.png' },
  });
  const members = [t.sim.botUserId, CUSTOMER, CUSTOMER_2, AGENT, AGENT_2, CSM];
  t.sim.addChannel({ id: CHANNEL, name: 'ext-acme', is_ext_shared: true, members });
  t.sim.addChannel({ id: TRIAGE, name: 'triage', members: [t.sim.botUserId, AGENT, AGENT_2] });
  const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: [CHANNEL] });
  if (account.status !== 201) throw new Error(`account: ${account.text}`);
  const linked = await t.api('PUT', `/api/v1/channels/${CHANNEL}`, {
    triage_channel_id: TRIAGE,
    csm_user_id: CSM,
  });
  if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
  if (settings) {
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update: settings });
    if (res.status !== 200) throw new Error(`settings: ${res.text}`);
  }
  return t;
}

/** The bot's messages in a channel (top level). */
export const botPosts = (t: TestBot, channel: string) =>
  t.sim.messages(channel).filter((m) => m.user === t.sim.botUserId || m.bot_id === t.sim.botId);

/** The stored request of a root message. */
export const requestOf = (t: TestBot, rootTs: string) =>
  t.db.collection('requests').findOne({ channelId: CHANNEL, rootTs });

export const allRequests = (t: TestBot) =>
  t.db.collection('requests').find({ channelId: CHANNEL }).sort({ createdAt: 1 }).toArray();

/** Clicks a button of the request's triage card, as `user`. */
export async function click(t: TestBot, rootTs: string, actionId: string, user = AGENT) {
  const request = await requestOf(t, rootTs);
  if (!request?.triage?.ts) throw new Error('no triage card');
  return t.driver.action({
    user,
    action_id: actionId,
    channel: TRIAGE,
    message_ts: request.triage.ts,
    value: String(request._id),
  } as never);
}

/**
 * Picks in a select menu of the request's triage card, as `user`: `static_select` sends the
 * option picked (`selected_option`), `multi_static_select` the whole selection after the change
 * (`selected_options`), each option as the menu offers it. `block_id` overrides the card's
 * (a pick made on an older drawing of the card).
 */
export async function pick(
  t: TestBot,
  rootTs: string,
  actionId: string,
  values: string | string[],
  options: { user?: string; block_id?: string; forged?: boolean } = {},
) {
  const request = await requestOf(t, rootTs);
  if (!request?.triage?.ts) throw new Error('no triage card');
  const found = findElement(t.sim.message(TRIAGE, request.triage.ts)?.blocks, actionId);
  if (!found) throw new Error(`no ${actionId} on the card`);
  const offered = (found.element.options ?? []) as { text: unknown; value: string }[];
  const option = (value: string) =>
    offered.find((o) => o.value === value) ??
    (options.forged
      ? { text: { type: 'plain_text', text: value, emoji: true }, value }
      : (() => {
          throw new Error(`the menu offers no ${value}`);
        })());
  const chosen = Array.isArray(values)
    ? { selected_options: values.map(option) }
    : { selected_option: option(values) };
  return t.driver.action({
    user: options.user ?? AGENT,
    action_id: actionId,
    channel: TRIAGE,
    message_ts: request.triage.ts,
    ...(options.block_id ? { block_id: options.block_id } : {}),
    ...chosen,
  } as never);
}

/** The blocks of the request's triage card, and their JSON text. */
export const card = async (t: TestBot, rootTs: string) => {
  const request = await requestOf(t, rootTs);
  return t.sim.message(TRIAGE, request?.triage.ts as string)?.blocks;
};
export const cardText = async (t: TestBot, rootTs: string) => JSON.stringify(await card(t, rootTs));

/** A new request by a new customer, with its triage card posted. */
export async function newRequest(t: TestBot, customer: string, text: string) {
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text);
  await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
  return message;
}

/** Another person of the customer's organisation, in the customer channel. */
export function newCustomer(t: TestBot, id: string): string {
  t.sim.addUser({ id, name: id.toLowerCase(), team_id: 'T0ACME' });
  t.sim.joinChannel(CHANNEL, id);
  return id;
}

/** Polls an async probe until it returns something truthy (Bolt may still be finishing side effects). */
export async function eventually<T>(
  probe: () => Promise<T>,
  timeoutMs = 5000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('eventually: condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
