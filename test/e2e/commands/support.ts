import type { TestBot } from '../../support/bot.js';
import type { SimEphemeral } from '../../support/slack/types.js';

export const ADMIN = 'U0ADMIN';
export const MEMBER = 'U0MEMBER';
export const CUSTOMER = 'U0CUST';
export const AGENT = 'U0AGENT';

/** People and channels the command stories share. */
export function seedWorkspace(t: TestBot): void {
  t.sim.addUser({ id: ADMIN, name: 'ada', is_admin: true });
  t.sim.addUser({ id: MEMBER, name: 'max' });
  t.sim.addUser({ id: AGENT, name: 'agnes' });
  t.sim.addUser({ id: CUSTOMER, name: 'carl', team_id: 'T0ACME' });
  const people = [ADMIN, MEMBER, AGENT];
  t.sim.addChannel({
    id: 'C0ACME',
    name: 'ext-acme',
    is_ext_shared: true,
    members: [t.sim.botUserId, CUSTOMER, ...people],
  });
  t.sim.addChannel({
    id: 'C0TRIAGE',
    name: 'support-triage',
    members: [t.sim.botUserId, ...people],
  });
}

/**
 * Runs `/triage <text>` as `user` in `channel` and returns the ephemeral it answered with, as the
 * user reads it: the blocks' texts when there are blocks, else the message text.
 */
export async function triage(
  t: TestBot,
  user: string,
  channel: string,
  text: string,
): Promise<{ text: string; ephemeral: SimEphemeral }> {
  const before = t.sim.ephemerals(channel, user).length;
  const res = await t.driver.command({ text, user_id: user, channel_id: channel });
  if (res.status !== 200) throw new Error(`/triage ${text} answered ${res.status}: ${res.body}`);
  const ephemeral = await t.sim.waitFor(() => t.sim.ephemerals(channel, user)[before], {
    what: `the reply to /triage ${text}`,
  });
  return { text: shownText(ephemeral), ephemeral };
}

export function shownText(ephemeral: SimEphemeral): string {
  if (!ephemeral.blocks) return ephemeral.text;
  return ephemeral.blocks.map((block) => blockTexts(block).join('\n')).join('\n');
}

function blockTexts(block: unknown): string[] {
  const b = block as { text?: { text?: string }; elements?: { text?: string }[] };
  return [b.text?.text, ...(b.elements ?? []).map((e) => e.text)].filter(
    (text): text is string => typeof text === 'string',
  );
}

/** Slack's three control characters, escaped as the bot must escape text it did not write. */
export const slackEscaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Everything the commands could write, read straight from the database. */
export async function stored(t: TestBot) {
  const all = (name: string) => t.db.collection(name).find({}).sort({ _id: 1 }).toArray();
  const tokens = await all('api_tokens');
  return {
    channels: await all('channels'),
    workspaces: await all('workspaces'),
    // lastUsedAt moves whenever the test's own token calls the API; the set of tokens must not.
    tokens: tokens.map((token) => token.hash),
  };
}

/** A channel's stored overrides as `{ key: value }`. */
export async function channelOverrides(t: TestBot, channelId: string) {
  const channel = await t.db.collection('channels').findOne({ channelId });
  const overrides = (channel?.settings?.overrides ?? []) as { key: string; value: unknown }[];
  return Object.fromEntries(overrides.map(({ key, value }) => [key, value]));
}
