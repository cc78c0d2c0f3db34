import { escapeHtml } from '../text/html.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

/**
 * Agents' replies that go back to an e-mail customer (issue 15): the mail's subject, text and
 * tracking pixel, the address replies come back to, when a failed send is tried again, and the
 * card's e-mail line. Pure.
 */

/** `Re: <subject>` once, however deep the thread ("Re: Re:" is not repeated). */
export function replySubject(subject: string | null): string {
  const base = (subject ?? '').trim();
  if (!base) return 'Re: your request';
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

/** The address replies come back to: the mapped mailbox with the thread's token after `+`. */
export function replyAddress(mailbox: string, token: string): string {
  const at = mailbox.lastIndexOf('@');
  return `${mailbox.slice(0, at)}+${token}${mailbox.slice(at)}`;
}

/**
 * An agent's Slack message as plain text for e-mail: links as "label (url)", mentions and
 * channels by name or id, Slack's escapes undone.
 */
export function plainText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<!(\w+)>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The HTML part of a reply: the text, and with `pixelUrl` (`ma.config.disableTrackingPixel`
 * false) a 1×1 image whose fetch tells the bot the mail was opened.
 */
export function replyHtml(text: string, pixelUrl: string | null): string {
  const body = escapeHtml(text).replace(/\n/g, '<br>\n');
  const pixel = pixelUrl
    ? `\n<img src="${escapeHtml(pixelUrl)}" width="1" height="1" alt="" style="display:none">`
    : '';
  return `<div>${body}</div>${pixel}`;
}

/** How many times a reply is tried before it is given up (and shown as failed). */
export const MAX_SEND_ATTEMPTS = 6;

/** Minutes to wait after each failed attempt: 1, 5, 15, 60, 240. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 240];

/** When to try again after `attempts` failed attempts, or null once they are used up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_SEND_ATTEMPTS) return null;
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
  return new Date(now.getTime() + minutes * 60_000);
}

/** A request's replies by e-mail, as the card shows them. */
export interface EmailSummary {
  sent: number;
  pending: number;
  failed: number;
  opened: number;
  lastOpenedAt: Date | null;
  /** The last failure's reason, while a reply is pending after a failure or failed. */
  lastError: string | null;
}

/**
 * The card's e-mail line, e.g. "✉️ E-mail replies: 2 sent · opened 3 times" or with
 * ":warning: 1 failing (retrying): 451 try later"; undefined when no reply went by e-mail.
 */
export function emailCardLine(
  summary: EmailSummary,
  when: (at: Date) => string,
): string | undefined {
  const { sent, pending, failed, opened, lastOpenedAt, lastError } = summary;
  if (sent + pending + failed === 0) return undefined;
  const parts = [`✉️ E-mail replies: ${sent} sent`];
  if (opened > 0 && lastOpenedAt) {
    parts.push(`opened ${opened === 1 ? 'once' : `${opened} times`}, last ${when(lastOpenedAt)}`);
  }
  if (pending > 0) {
    const failing = lastError ? ` (retrying: ${escapeMrkdwn(lastError)})` : '';
    parts.push(`${pending} sending${failing}`);
  }
  if (failed > 0) {
    parts.push(
      `:warning: ${failed} not sent: ${escapeMrkdwn(lastError ?? 'the relay refused it')}`,
    );
  }
  return parts.join(' · ');
}
