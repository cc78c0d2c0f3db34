/** Pure helpers for Slack's mrkdwn text, used by views and by domain rules that word replies. */

/** A link to a message (or thread) that works in any workspace the viewer belongs to. */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

/** The requester id of a customer who wrote by e-mail (issue 15): `email:<address>`, lower case. */
export function emailRequester(address: string): string {
  return `email:${address.toLowerCase()}`;
}

/** Whether a requester id is an e-mail customer's (`emailRequester`). */
export const isEmailRequester = (id: string): boolean => id.startsWith('email:');

/**
 * A requester or user as mrkdwn: `<@U…>` for a Slack user, the address for an e-mail customer
 * (`email:<address>`, which no `<@…>` mention could show).
 */
export function userMention(id: string): string {
  return isEmailRequester(id) ? escapeMrkdwn(id.slice('email:'.length)) : `<@${id}>`;
}

/** Escapes text for mrkdwn so a customer's message cannot inject mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A channel as mrkdwn: `<#C…|name>`; with `hideName` (a private channel under
 * `hidePrivateChannelMetadata`) `<#C…>` alone, which Slack renders with the name only for people
 * who are in that channel, so the name is in nothing the bot sends.
 */
export function channelMention(id: string, name: string, hideName = false): string {
  return hideName ? `<#${id}>` : `<#${id}|${escapeMrkdwn(name)}>`;
}

/** Cuts text to a length Slack accepts, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A time Slack shows in each reader's own time zone (`<!date^…>`), with a UTC fallback for
 * clients that cannot.
 *
 * @example
 * slackDate(new Date('2026-01-05T09:30:00Z'));
 * // '<!date^1767605400^{date_short_pretty} at {time}|2026-01-05 09:30 UTC>'
 */
export function slackDate(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^{date_short_pretty} at {time}|${fallback}>`;
}

/**
 * Who did something, as a message names them: a Slack user as a mention; a change made through
 * the HTTP API (`by: api:<token name>`) as the token's name, marked "(API)".
 *
 * @example
 * actorMention('U0ALICE'); // '<@U0ALICE>'
 * actorMention('api:ops-bot'); // '*ops-bot* (API)'
 */
export function actorMention(by: string): string {
  if (by.startsWith('api:')) return `*${escapeMrkdwn(by.slice(4))}* (API)`;
  // `rule:<id>:<name>` (src/desk/automation.ts `ruleBy`).
  if (by.startsWith('rule:'))
    return `*${escapeMrkdwn(by.split(':').slice(2).join(':'))}* (automation)`;
  return `<@${by}>`;
}

/** The text with its first letter upper-case: `high` → `High`. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
