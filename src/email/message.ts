import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';

/**
 * What an inbound e-mail becomes in Slack (issue 15): the reply trimmed of quoted text and
 * signature, the post's text, and the spam check. Pure.
 */

/** Lines that start the quoted earlier message a mail client appends under a reply. */
const QUOTE_HEADERS = [
  /\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird: "On Mon, 1 Jan 2026, Ann <a@b> wrote:"
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: …"
  /^From:\s.+<?[^\s@]+@[^\s@]+>?\s*$/i, // a quoted header block without a rule
];

/** Lines that start a signature: RFC 3676's "-- " and the usual mobile footers. */
const SIGNATURE_STARTS = [/^--\s?$/, /^Sent from my\b/i, /^Get Outlook for\b/i];

/**
 * The new part of a reply: everything above the first quote header or signature start, without
 * `>`-quoted lines, trailing blank lines removed. A small documented trimmer rather than a
 * library: the maintained reply parsers for Node were last released years ago, and these rules
 * cover the clients that write most mail (Gmail, Outlook, Apple Mail, Thunderbird).
 */
export function trimReply(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bare = line.trimEnd();
    if (QUOTE_HEADERS.some((rule) => rule.test(bare.trim()))) {
      // "On …, Ann" wrapped onto a second line "<a@b> wrote:": its first line goes too.
      if (/^On\b/i.test(kept.at(-1) ?? '')) kept.pop();
      break;
    }
    if (SIGNATURE_STARTS.some((rule) => rule.test(bare))) break;
    if (bare.trimStart().startsWith('>')) continue;
    kept.push(bare);
  }
  return kept.join('\n').trim();
}

/** Slack's text limit for a post's body, with room for the header lines. */
const BODY_MAX = 3_500;

export interface InboundMail {
  fromName: string | null;
  fromAddress: string;
  subject: string | null;
  /** The plain-text body as sent (trimmed here). */
  text: string;
  attachments: string[];
}

/**
 * The bot's post for an e-mail: "✉️ from Name <addr>", the subject in bold, the new part of the
 * body and the attachments' names. Everything the sender wrote is escaped, so a mail cannot
 * mention a channel or user.
 */
export function emailPostText(mail: InboundMail, flagged: string | null = null): string {
  const who = mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress;
  const lines = [`✉️ from ${escapeMrkdwn(who)}`];
  if (flagged) lines.push(`:warning: _flagged as possible spam (${escapeMrkdwn(flagged)})_`);
  if (mail.subject?.trim()) lines.push(`*${escapeMrkdwn(mail.subject.trim())}*`);
  const body = trimReply(mail.text);
  if (body) lines.push(truncate(escapeMrkdwn(body), BODY_MAX));
  if (mail.attachments.length > 0) {
    lines.push(`:paperclip: ${mail.attachments.map((name) => escapeMrkdwn(name)).join(', ')}`);
  }
  return lines.join('\n');
}

/**
 * Why a message is taken for spam, or null. The check is documented and simple: the receiving
 * server's `Authentication-Results` (RFC 8601) saying `spf=fail` or `dmarc=fail`, or an upstream
 * filter's `X-Spam-Flag: YES`. The bot does not run SPF or DMARC itself: the MX in front of it
 * (or the relay that forwards to it) does, and says so in these headers.
 */
export function spamReason(headers: {
  authenticationResults: readonly string[];
  spamFlag: string | null;
}): string | null {
  for (const result of headers.authenticationResults) {
    const failed = /\b(spf|dmarc)=(fail|permerror)\b/i.exec(result);
    if (failed)
      return `${(failed[1] as string).toLowerCase()}=${(failed[2] as string).toLowerCase()}`;
  }
  if (headers.spamFlag?.trim().toUpperCase() === 'YES') return 'X-Spam-Flag: YES';
  return null;
}

/** What a domain's `spam_action` does with a flagged message. */
export function spamOutcome(
  action: 'disabled' | 'block' | 'tag',
  reason: string | null,
): { refuse: boolean; flagged: string | null } {
  if (!reason || action === 'disabled') return { refuse: false, flagged: null };
  return action === 'block'
    ? { refuse: true, flagged: reason }
    : { refuse: false, flagged: reason };
}

/** The headers that mark a message as sent by a machine, not a person (RFC 3834 and practice). */
export interface AutoHeaders {
  autoSubmitted: string | null;
  precedence: string | null;
  xAutoreply: string | null;
  xAutoResponseSuppress: string | null;
  returnPath: string | null;
  /** The envelope sender (`MAIL FROM`): empty for bounces and other notices. */
  envelopeFrom: string | null;
}

/**
 * Why a message is an automatic one (an out-of-office, a bounce, a list or bulk mail), or null.
 * Such a message is taken (a refusal would only make the sender's server bounce to a machine)
 * but opens no request and gets no reply, so two auto-responders cannot answer each other for
 * ever. The rule: `Auto-Submitted` other than `no` (RFC 3834), `Precedence: bulk|junk|auto_reply`,
 * any `X-Autoreply` or `X-Auto-Response-Suppress` (Exchange's mark on mail that must not be
 * answered automatically), or an empty sender (`Return-Path: <>` or `MAIL FROM:<>`).
 * `Precedence: list` is not one: a support address that is a Google Group sends people's mail
 * with it.
 *
 * @example
 * autoReplyReason({ autoSubmitted: 'auto-replied', … }); // 'Auto-Submitted: auto-replied'
 */
export function autoReplyReason(headers: AutoHeaders): string | null {
  const value = (text: string | null) => text?.trim().toLowerCase() ?? null;
  const submitted = value(headers.autoSubmitted);
  if (submitted && submitted !== 'no') return `Auto-Submitted: ${submitted}`;
  const precedence = value(headers.precedence);
  if (precedence && ['bulk', 'junk', 'auto_reply'].includes(precedence)) {
    return `Precedence: ${precedence}`;
  }
  if (headers.xAutoreply !== null) return 'X-Autoreply';
  if (headers.xAutoResponseSuppress !== null) return 'X-Auto-Response-Suppress';
  if (value(headers.returnPath) === '<>') return 'Return-Path: <>';
  if (headers.envelopeFrom === '') return 'MAIL FROM:<>';
  return null;
}
