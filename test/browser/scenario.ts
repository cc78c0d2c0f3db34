import { ACTIONS } from '../../src/constants.js';
import type { TestBot } from '../support/bot.js';
import { VirtualClock } from '../support/clock.js';
import { triage } from '../e2e/commands/support.js';
import {
  AGENT,
  CHANNEL,
  click,
  customerWorld,
  newRequest,
  requestOf,
} from '../e2e/requests/world.js';

export { AGENT, CHANNEL };
export const ADMIN = 'U0ADMIN';
/** The scenario's first day; its last ("today") is two days later. */
export const FIRST_DAY = '2026-11-23';
export const TODAY = '2026-11-25';

/** Settings of #ext-acme: CSAT asked on close, a 60-minute response SLA. */
const SETTINGS = {
  requests: {
    config: { send_feedback: true },
    support: { response_sla: { isEnabled: true, sla: 60 } },
  },
};

/** What the scenario's overview shows (its numbers follow from the story below). */
export const EXPECTED = {
  // Nov 23: 2 requests, Nov 24: 3, Nov 25: 1 (the 14-day window ends with these three days).
  lastThreeDays: [2, 3, 1],
  // Met the 60-min response SLA: Nov 23 one of two (50%), Nov 24 one of three (33.33%), Nov 25 all.
  slaLastThreeDays: [50, 33.33, 100],
  // First replies after 10, 20, 120 and 5 minutes (the export never got one), in the reports'
  // buckets 0-5m, 5-15m, 15-30m, 30-60m, 1-2h, 2-4h, … (each bucket's upper bound excluded).
  firstResponse: [0, 2, 1, 0, 0, 1, 0, 0, 0, 0],
  // Closed after 40 min (invoices), 120 min (billing) and 5 min (rate limits).
  resolution: [0, 1, 0, 1, 0, 1, 0, 0, 0, 0],
  // One 👍 (stored as 5) and one 👎 (1): CSAT 50%.
  csat: [1, 0, 0, 0, 1],
  // Live now: webhooks (open), SSO (in progress), export (on hold); unassigned: SSO and
  // webhooks (the export was taken); unattended (no first reply): the export and webhooks.
  backlog: [3, 2, 2],
};

const rate = async (t: TestBot, rootTs: string, customer: string, choice: 'up' | 'down') => {
  const prompt = t.sim
    .thread(CHANNEL, rootTs)
    .find((m) => JSON.stringify(m.blocks ?? []).includes(`"${ACTIONS.feedbackRating}:`));
  if (!prompt) throw new Error('no feedback prompt');
  await t.driver.action({
    user: customer,
    action_id: `${ACTIONS.feedbackRating}:${choice}`,
    channel: CHANNEL,
    message_ts: prompt.ts,
  });
};

/**
 * Three days of an Acme support channel, played through the real bot on a virtual clock
 * (Slack events and button clicks): six requests, replies, closes, three missed response SLAs
 * and two ratings.
 */
export async function seedScenario(): Promise<{
  t: TestBot;
  clock: VirtualClock;
  ids: Record<string, string>;
}> {
  const clock = new VirtualClock(`${FIRST_DAY}T09:00:00Z`);
  const t = await customerWorld(SETTINGS, { clock });
  t.sim.addUser({ id: ADMIN, name: 'ada', real_name: 'Ada Admin', is_admin: true });
  t.sim.joinChannel(CHANNEL, ADMIN);
  const ids: Record<string, string> = {};
  const ask = async (key: string, customer: string, text: string) => {
    const message = await newRequest(t, customer, text);
    ids[key] = String((await requestOf(t, message.ts))?._id);
    return message.ts;
  };
  const reply = (ts: string, text: string) =>
    t.driver.agentSays(CHANNEL, AGENT, text, { thread_ts: ts });

  // Monday: invoices answered in 10 min, closed after 40 and rated 👍; the export waits (breach).
  const invoices = await ask('invoices', 'U0ERIN', 'Invoices are missing for March');
  const exportTs = await ask('export', 'U0FRANK', 'The export times out after 30 seconds');
  await t.advance(10);
  await reply(invoices, 'Looking into it now');
  await t.advance(30);
  await click(t, invoices, ACTIONS.close);
  await rate(t, invoices, 'U0ERIN', 'up');
  await t.advance(60);
  await click(t, exportTs, ACTIONS.assignToMe);
  await click(t, exportTs, ACTIONS.onHold);

  // Tuesday: SSO answered in time, billing after 2 h (breach) and closed, webhooks never (breach).
  await t.advance(23 * 60);
  const sso = await ask('sso', 'U0GINA', 'Cannot log in with SSO since this morning');
  const billing = await ask('billing', 'U0HANK', 'Please change our billing address');
  await ask('webhooks', 'U0IDA', 'Webhook deliveries are delayed');
  await t.advance(20);
  await reply(sso, 'Checking the IdP logs');
  await t.advance(100);
  await reply(billing, 'Done, the address is updated');
  await click(t, billing, ACTIONS.close);

  // Wednesday: a quick question closed in 5 min and rated 👎.
  await t.advance(22 * 60);
  const limits = await ask('limits', 'U0JO', 'What are the API rate limits?');
  await t.advance(5);
  await reply(limits, 'See the limits page in the docs');
  await click(t, limits, ACTIONS.close);
  await rate(t, limits, 'U0JO', 'down');
  return { t, clock, ids };
}

/** The path and query of the sign-in link `/triage dashboard` gives `user`. */
export async function signInLink(t: TestBot, user: string): Promise<string> {
  const { text } = await triage(t, user, CHANNEL, 'dashboard');
  const match = /https?:\/\/\S+?(\/app\/login\?token=[\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no link in: ${text}`);
  return `${t.bot.url}${match[1]}`;
}
