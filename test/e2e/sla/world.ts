import type { Clock } from '../../../src/clock.js';
import { messageLink } from '../../../src/text/mrkdwn.js';
import { startTestBot, type TestBot, type TestBotOptions } from '../../support/bot.js';
import type { VirtualClock } from '../../support/clock.js';
import type { SlackSimulator } from '../../support/slack/simulator.js';
import { AGENT, AGENT_2, CHANNEL, CUSTOMER, TRIAGE, botPosts } from '../requests/world.js';

export { AGENT, CHANNEL, CUSTOMER, TRIAGE, botPosts };

/** Where SLA alerts go in these tests. */
export const SLA_CHANNEL = 'C0SLAALERTS';
/** Friday 2026-03-06, 16:00 in Berlin (CET, UTC+1). */
export const FRIDAY_4PM_BERLIN = '2026-03-06T15:00:00Z';

/** The people and channels of the requests world (#ext-acme, #triage) plus #sla-alerts. */
export function seedSlack(sim: SlackSimulator): void {
  sim.addTeam({ id: 'T0ACME', name: 'Acme Corp' } as never);
  sim.addUser({ id: CUSTOMER, name: 'carol', real_name: 'Carol Customer', team_id: 'T0ACME' });
  sim.addUser({ id: AGENT, name: 'alice', real_name: 'Alice Agent' });
  sim.addUser({ id: AGENT_2, name: 'bob', real_name: 'Bob Agent' });
  const members = [sim.botUserId, CUSTOMER, AGENT, AGENT_2];
  sim.addChannel({ id: CHANNEL, name: 'ext-acme', is_ext_shared: true, members });
  sim.addChannel({ id: TRIAGE, name: 'triage', members: [sim.botUserId, AGENT, AGENT_2] });
  sim.addChannel({ id: SLA_CHANNEL, name: 'sla-alerts', members: [sim.botUserId, AGENT] });
}

/** The Acme account owning #ext-acme, linked to #triage, with `settings` on the channel. */
export async function seedChannels(t: TestBot, settings?: Record<string, unknown>): Promise<void> {
  const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: [CHANNEL] });
  if (account.status !== 201) throw new Error(`account: ${account.text}`);
  const linked = await t.api('PUT', `/api/v1/channels/${CHANNEL}`, { triage_channel_id: TRIAGE });
  if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
  if (settings) await setSettings(t, settings);
}

export async function setSettings(t: TestBot, update: Record<string, unknown>): Promise<void> {
  const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
}

/** A bot on its own simulator and database, seeded, on `clock` (manual scheduler) if given. */
export async function slaWorld(
  settings: Record<string, unknown>,
  clock?: Clock,
  options: Omit<TestBotOptions, 'clock'> = {},
): Promise<TestBot> {
  const t = await startTestBot({ ...options, clock });
  seedSlack(t.sim);
  await seedChannels(t, settings);
  return t;
}

/** SLA settings: `response_sla` and `request_closure_sla` overrides. */
export function slaSettings(
  response: Record<string, unknown>,
  closure: Record<string, unknown> = {},
): Record<string, unknown> {
  return { requests: { support: { response_sla: response, request_closure_sla: closure } } };
}

/** The SLA alerts posted in `channel` about the request whose root message is `ts`. */
export function alertsFor(sim: SlackSimulator, ts: string, channel = SLA_CHANNEL) {
  const link = messageLink(CHANNEL, ts);
  return sim
    .messages(channel)
    .filter(
      (m) =>
        (m.user === sim.botUserId || m.bot_id === sim.botId) && m.text.includes('SLA breached'),
    )
    .filter((m) => m.text.includes(link));
}

/** Moves the clock to `iso` and runs what fell due. */
export async function advanceTo(t: TestBot, clock: VirtualClock, iso: string): Promise<number> {
  return t.advance((new Date(iso).getTime() - clock.now().getTime()) / 60_000);
}

/** The stored request of a root message in #ext-acme. */
export const requestOf = (t: TestBot, rootTs: string) =>
  t.db.collection('requests').findOne({ channelId: CHANNEL, rootTs });

/** The pending SLA jobs of a request. */
export async function pendingFor(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  const pending = await t.bot.deps.timers.pending();
  return pending.filter((job) => job.key === String(request?._id)).map((job) => job.name);
}
