import type { EmailDomain, EmailMapping } from '../settings/features/email-to-slack.js';

/**
 * Inbound addresses (issue 15): which mapping a recipient reaches and whether the bot takes mail
 * for it. Pure: the SMTP listener asks, the answer carries the SMTP reply to give.
 */

/** A recipient split into the mailbox it names and the reply token after `+`, lower-cased. */
export interface Recipient {
  /** `support@acme.com` for `support+k3j…@acme.com`. */
  mailbox: string;
  /** The token the bot put in a reply's address (`+token`), when there is one. */
  token: string | null;
  domain: string;
}

/** Splits `local+token@domain` (case-insensitive); null for something that is no address. */
export function parseRecipient(address: string): Recipient | null {
  const match = /^([^@\s+]+)(?:\+([^@\s]+))?@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!match) return null;
  const [, local, token, domain] = match as unknown as [string, string, string | undefined, string];
  return { mailbox: `${local}@${domain}`, token: token ?? null, domain };
}

/** The mapping whose `email` or `customEmail` is `mailbox` (case-insensitive). */
export function mappingFor(
  mappings: readonly EmailMapping[],
  mailbox: string,
): EmailMapping | undefined {
  const wanted = mailbox.toLowerCase();
  return mappings.find(
    (mapping) =>
      mapping.email.toLowerCase() === wanted || mapping.customEmail?.toLowerCase() === wanted,
  );
}

/** The registered domain a mailbox's domain falls under: its own, or a wildcard parent's. */
export function domainFor(
  domains: readonly EmailDomain[],
  domain: string,
): EmailDomain | undefined {
  const name = domain.toLowerCase();
  return (
    domains.find((entry) => entry.name.toLowerCase() === name) ??
    domains.find((entry) => entry.wildcard && name.endsWith(`.${entry.name.toLowerCase()}`))
  );
}

/** The SMTP answer to `RCPT TO`: taken, or refused with the code and text to send. */
export type RecipientDecision =
  | { accept: true; mapping: EmailMapping; domain: EmailDomain | undefined }
  | { accept: false; code: number; message: string };

/**
 * Whether mail for `recipient` is taken: a mapped address that does not block mail, on a session
 * that is encrypted when its domain has `require_tls`. A refusal is permanent (5xx), so the
 * sender's server bounces the message with the text rather than trying again.
 */
export function decideRecipient(
  recipient: Recipient,
  mapping: EmailMapping | undefined,
  domains: readonly EmailDomain[],
  secure: boolean,
): RecipientDecision {
  if (!mapping) {
    return {
      accept: false,
      code: 550,
      message: `5.1.1 <${recipient.mailbox}>: no such mailbox here`,
    };
  }
  if (mapping.emailBlockingEnabled) {
    return {
      accept: false,
      code: 550,
      message: `5.7.1 <${recipient.mailbox}>: this address does not accept mail`,
    };
  }
  const domain = domainFor(domains, recipient.domain);
  if (domain?.state === 'disabled') {
    return { accept: false, code: 550, message: `5.7.1 ${recipient.domain}: domain is disabled` };
  }
  if (domain?.require_tls && !secure) {
    return {
      accept: false,
      code: 530,
      message: `5.7.0 ${recipient.domain} requires an encrypted session: STARTTLS first`,
    };
  }
  return { accept: true, mapping, domain };
}

/** The sender of Gmail's forwarding-confirmation mail. */
const GMAIL_FORWARDING = 'forwarding-noreply@google.com';

/**
 * Whether a message proves mail is forwarded to `mailbox` (`emailForwardingVerified`): an
 * `X-Forwarded-To` or `X-Forwarded-For` header (Gmail, Google Groups and most forwarders add
 * them) naming the address, or Gmail's forwarding confirmation (from
 * `forwarding-noreply@google.com`), which is the first mail a new Gmail forward sends.
 *
 * @example
 * forwardingProof({ fromAddress: 'ann@x.test', forwardedTo: ['help@acme.test'] }, 'help@acme.test'); // true
 */
export function forwardingProof(
  mail: { fromAddress: string; forwardedTo: readonly string[] },
  mailbox: string,
): boolean {
  if (mail.fromAddress.toLowerCase() === GMAIL_FORWARDING) return true;
  const wanted = mailbox.toLowerCase();
  return mail.forwardedTo.some((value) =>
    value
      .toLowerCase()
      .split(/[\s,<>]+/)
      .includes(wanted),
  );
}
