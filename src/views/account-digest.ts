import type { DigestFacts, DigestPeriod } from '../accounts/digest.js';
import { zoneTime } from '../calendar/zone-time.js';
import { age } from '../commands/requests.js';
import { escapeMrkdwn, messageLink, truncate } from '../text/mrkdwn.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as the wall clock in `timezone` reads it: `Mon 2 Mar 09:00`. */
function localTime(at: Date, timezone: string): string {
  const local = new Date(at.getTime() + zoneTime(timezone).offsetAt(at.getTime()));
  const time = local.toISOString().slice(11, 16);
  return `${WEEKDAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${time}`;
}

/** A request's first line as a link's label (no `|` or `>` that would end it early). */
const label = (text: string) =>
  escapeMrkdwn(truncate(text.split('\n')[0]?.trim() || '(no text)', 80)).replace(/\|/g, '¦');

/**
 * An account's digest in its internal channel: the period in the digest's time zone, the counts
 * (new, open, closed, SLA breached) and the open requests waiting longest, each linked.
 */
export function accountDigest(input: {
  accountName: string;
  schedule: 'DAILY' | 'WEEKLY';
  timezone: string;
  period: DigestPeriod;
  facts: DigestFacts;
  now: Date;
}) {
  const { accountName, timezone, period, facts, now } = input;
  const kind = input.schedule === 'DAILY' ? 'Daily' : 'Weekly';
  const counts = `${facts.created} new, ${facts.open} open, ${facts.closed} closed, ${facts.breached} SLA breached`;
  const waiting = facts.waiting.map(
    (r) =>
      `• <${messageLink(r.channelId, r.rootTs)}|${label(r.text)}> · waiting ${age(now, r.createdAt)}`,
  );
  return {
    text: `${kind} digest for ${accountName}: ${counts}`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: truncate(`${kind} digest: ${accountName}`, 150) },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${localTime(period.start, timezone)} – ${localTime(period.end, timezone)} (${timezone})`,
          },
        ],
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*New*\n${facts.created}` },
          { type: 'mrkdwn', text: `*Open*\n${facts.open}` },
          { type: 'mrkdwn', text: `*Closed*\n${facts.closed}` },
          { type: 'mrkdwn', text: `*SLA breached*\n${facts.breached}` },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*Waiting longest*\n${waiting.length > 0 ? waiting.join('\n') : 'Nothing is waiting.'}`,
        },
      },
    ],
  };
}
