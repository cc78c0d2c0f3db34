/** Pure helpers for Slack's mrkdwn text, used by views and by domain rules that word replies. */

/** A link to a message (or thread) that works in any workspace the viewer belongs to. */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

/** Escapes text for mrkdwn so a customer's message cannot inject mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a length Slack accepts, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
