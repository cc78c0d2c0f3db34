import { ACTIONS } from '../../../src/constants.js';
import { startTestBot, type TestBot, type TestBotOptions } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import type { SimMessage } from '../../support/slack/types.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';

export { AGENT, CHANNEL, CUSTOMER, TRIAGE, eventually, newCustomer, requestOf };

/** Monday 2026-03-02, 10:00 UTC: where every timer world's clock starts. */
export const START = '2026-03-02T10:00:00Z';

export interface TimerWorld {
  t: TestBot;
  clock: VirtualClock;
}

/** `requests.config` overrides for #ext-acme. */
export type Config = Record<string, unknown>;

/**
 * #ext-acme (a Slack Connect channel of Acme's customers) linked to #triage with two agents, on a
 * VirtualClock: jobs run only when the test moves time with `t.advance(minutes)`.
 */
export async function timerWorld(
  config: Config = {},
  options: Omit<TestBotOptions, 'clock'> & { clock?: VirtualClock } = {},
): Promise<TimerWorld> {
  const clock = options.clock ?? new VirtualClock(START);
  const t = await startTestBot({ ...options, clock });
  if (!options.sim) {
    t.sim.addTeam({ id: 'T0ACME', name: 'Acme Corp' } as never);
    t.sim.addUser({ id: CUSTOMER, name: 'carol', team_id: 'T0ACME' });
    t.sim.addUser({ id: AGENT, name: 'alice', real_name: 'Alice Agent' });
    const members = [t.sim.botUserId, CUSTOMER, AGENT];
    t.sim.addChannel({ id: CHANNEL, name: 'ext-acme', is_ext_shared: true, members });
    t.sim.addChannel({ id: TRIAGE, name: 'triage', members: [t.sim.botUserId, AGENT] });
  }
  if (!options.database) {
    const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: [CHANNEL] });
    if (account.status !== 201) throw new Error(`account: ${account.text}`);
    const linked = await t.api('PUT', `/api/v1/channels/${CHANNEL}`, { triage_channel_id: TRIAGE });
    if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
    await configure(t, config);
  }
  return { t, clock };
}

/** Changes #ext-acme's `requests.config` through the settings API, as an admin would. */
export async function configure(t: TestBot, config: Config): Promise<void> {
  const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
    update: { requests: { config } },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
}

/** A customer (a new one, so nothing groups with earlier tests) asks; resolves once the card is up. */
export async function customerAsks(
  t: TestBot,
  customer: string,
  text: string,
): Promise<{ ts: string; id: string; cardTs: string }> {
  if (!t.sim.user(customer)) newCustomer(t, customer);
  const { message } = await t.driver.customerSays(CHANNEL, customer, text);
  const request = await eventually(async () => {
    const stored = await requestOf(t, message.ts);
    return stored?.triage?.ts ? stored : undefined;
  });
  return { ts: message.ts, id: String(request._id), cardTs: request.triage.ts as string };
}

/** Someone writes in the request's thread. */
export async function replies(t: TestBot, rootTs: string, user: string, text: string) {
  await t.driver.customerSays(CHANNEL, user, text, { thread_ts: rootTs });
}

const hasButton = (message: SimMessage, actionId: string) =>
  JSON.stringify(message.blocks ?? []).includes(`"action_id":"${actionId}"`);

/** The nudges (messages carrying the nudge's Close button) in a thread. */
export const nudgesIn = (t: TestBot, channel: string, threadTs: string) =>
  t.sim
    .thread(channel, threadTs)
    .slice(1)
    .filter((m) => m.bot_id === t.sim.botId && m.text.includes('Is this resolved?'));

/** Whether a message still offers the nudge's two buttons. */
export const offersNudgeButtons = (message: SimMessage) =>
  hasButton(message, ACTIONS.nudgeClose) && hasButton(message, ACTIONS.nudgeKeepOpen);

/** The bot's replies in a request's thread (texts). */
export const botRepliesIn = (t: TestBot, rootTs: string) =>
  t.sim
    .thread(CHANNEL, rootTs)
    .slice(1)
    .filter((m) => m.bot_id === t.sim.botId)
    .map((m) => m.text);

/** Clicks a nudge button as `user`. */
export function clickNudge(
  t: TestBot,
  nudge: SimMessage,
  actionId: string,
  user: string,
  requestId: string,
) {
  return t.driver.action({
    user,
    action_id: actionId,
    channel: nudge.channel,
    message_ts: nudge.ts,
    value: requestId,
  } as never);
}

/** The pending jobs of one kind for a request. */
export async function pendingOf(t: TestBot, name: string, requestId?: string) {
  const pending = await t.bot.deps.timers.pending();
  return pending.filter((job) => job.name === name && (!requestId || job.key === requestId));
}

/** The triage card as people see it now (undefined once deleted). */
export const cardOf = (t: TestBot, cardTs: string) => t.sim.message(TRIAGE, cardTs);

export const statusOf = async (t: TestBot, rootTs: string) => (await requestOf(t, rootTs))?.status;
