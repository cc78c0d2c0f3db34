import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';

/** What a view says instead of quoting a private channel's message (`channelPrivacy`). */
export const PREVIEW_HIDDEN = '_Preview hidden: private channel_';

/** A button carrying `value` (a request's or suggestion's id) back to its listener. */
export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
) {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** `> quoted` preview of a customer's text, lines kept, escaped so it cannot mention or link. */
export function quotedPreview(text: string, max = 600): string {
  return `>${truncate(escapeMrkdwn(text), max).replace(/\n/g, '\n>')}`;
}

/** A one-line `> quote` of a customer's text (whitespace folded), escaped, at most `max` long. */
export function lineQuote(text: string, max: number): string {
  return `>${truncate(escapeMrkdwn(text.replace(/\s+/g, ' ').trim()), max)}`;
}
