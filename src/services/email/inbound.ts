import { randomBytes } from 'node:crypto';
import { EmailArrivals, EmailThreads, mappedChannels } from '../../db/repositories/email.js';
import type { BotDeps } from '../../deps.js';
import {
  decideRecipient,
  forwardingProof,
  mappingFor,
  parseRecipient,
  type Recipient,
  type RecipientDecision,
} from '../../email/address.js';
import {
  autoReplyReason,
  emailPostText,
  spamOutcome,
  spamReason,
  type AutoHeaders,
  type InboundMail,
} from '../../email/message.js';
import { channelContext } from '../requests/context.js';
import { takeEmailed } from '../requests/emailed.js';
import { EmailApi } from './api.js';
import { requeueLostReplies } from './worker.js';

/** A recipient the bot takes mail for, and where its mail goes. */
export type Target = Extract<RecipientDecision, { accept: true }> & {
  recipient: Recipient;
  teamId: string;
  channelId: string;
};

/** A parsed message as the SMTP listener hands it over. */
export interface ParsedMail extends InboundMail, AutoHeaders {
  messageId: string | null;
  /** `In-Reply-To` first, then `References`, as the message gave them. */
  references: string[];
  authenticationResults: string[];
  spamFlag: string | null;
  /** `X-Forwarded-To` and `X-Forwarded-For`, as written. */
  forwardedTo: string[];
}

/** What delivery came to: taken, or refused with an SMTP code and text (spam under `block`). */
export type Delivery = { ok: true } | { ok: false; code: number; message: string };

/** How long a delivery holds a message's post before another delivery of it may make it. */
const ARRIVAL_LEASE_MS = 2 * 60_000;
const BUSY = '4.3.0 This message is being delivered in another session; try again later';

const NO_SUCH = (address: string): RecipientDecision => ({
  accept: false,
  code: 550,
  message: `5.1.1 <${address}>: no such mailbox here`,
});

/**
 * Inbound e-mail (issue 15): which recipients are taken (`RCPT TO`) and, for a message, the bot's
 * post in the mapped channel, which intake then takes as the customer's message, so it opens a
 * request (card, SLA, timers) or joins the thread it answers.
 */
export class EmailInbound {
  private readonly threads: EmailThreads;
  private readonly arrivals: EmailArrivals;
  /** Automatic messages dropped by this instance (logged with each). */
  private autoReplies = 0;

  constructor(private readonly deps: BotDeps) {
    this.threads = new EmailThreads(deps.models);
    this.arrivals = new EmailArrivals(deps.models);
  }

  /** The `RCPT TO` decision for `address` on a session encrypted or not. */
  async recipient(address: string, secure: boolean): Promise<RecipientDecision | Target> {
    const recipient = parseRecipient(address);
    if (!recipient) return NO_SUCH(address);
    const candidates = await mappedChannels(this.deps.models, recipient.mailbox);
    // Mapped in two workspaces (possible through the settings API): neither gets its mail.
    if (new Set(candidates.map((c) => c.teamId)).size > 1) {
      this.deps.logger.warn(
        { mailbox: recipient.mailbox },
        'e-mail address mapped in several workspaces',
      );
      return NO_SUCH(recipient.mailbox);
    }
    for (const { teamId, channelId } of candidates) {
      const ctx = await channelContext(this.deps, await this.deps.slack(teamId), teamId, channelId);
      const { mappings, domains } = ctx?.features.emailToSlack ?? { mappings: [], domains: [] };
      const mapping = mappingFor(mappings, recipient.mailbox);
      if (!ctx || mapping?.channelId !== channelId) continue; // replaced at a lower level
      const decision = decideRecipient(recipient, mapping, domains, secure);
      return decision.accept ? { ...decision, recipient, teamId, channelId } : decision;
    }
    return NO_SUCH(recipient.mailbox);
  }

  /** Posts `mail` for each target (once per channel) and hands the post to intake. */
  async deliver(mail: ParsedMail, targets: readonly Target[]): Promise<Delivery> {
    for (const target of targets) await this.verified(mail, target);
    // An out-of-office, bounce or bulk mail: taken, but no request and no reply (loop guard).
    const automatic = autoReplyReason(mail);
    if (automatic) {
      this.autoReplies += 1;
      const { fromAddress: from, messageId } = mail;
      const to = targets.map((target) => target.mapping.email);
      this.deps.logger.info(
        { reason: automatic, from, to, messageId, dropped: this.autoReplies },
        'e-mail: automatic message taken and dropped',
      );
      return { ok: true };
    }
    // No one to answer (and no contact to record): refused rather than posted anonymously.
    if (!parseRecipient(mail.fromAddress)) {
      return { ok: false, code: 550, message: '5.1.7 a From address is required' };
    }
    const reason = spamReason(mail);
    const channels = new Map(
      targets.map((target) => [`${target.teamId}/${target.channelId}`, target]),
    );
    for (const target of channels.values()) {
      const outcome = spamOutcome(target.domain?.spam_action ?? 'disabled', reason);
      if (outcome.refuse) {
        return { ok: false, code: 550, message: `5.7.1 message refused as spam (${reason})` };
      }
    }
    let busy = false;
    for (const target of channels.values()) {
      const outcome = spamOutcome(target.domain?.spam_action ?? 'disabled', reason);
      busy = (await this.post(mail, target, outcome.flagged)) === 'busy' || busy;
    }
    // Another session is posting this very message: the sender tries again, and finds it done.
    if (busy) return { ok: false, code: 451, message: BUSY };
    return { ok: true };
  }

  /**
   * Marks the target's mapping `emailReceivingVerified` (mail to it arrived) and, for a message
   * that proves forwarding (`forwardingProof`), `emailForwardingVerified`: once, when it is in
   * the workspace's list (a mapping set per account or channel keeps what it stores).
   */
  private async verified(mail: ParsedMail, target: Target): Promise<void> {
    const { mapping } = target;
    const forwarded = forwardingProof(mail, target.recipient.mailbox);
    if (mapping.emailReceivingVerified && (mapping.emailForwardingVerified || !forwarded)) return;
    const email = mapping.email.toLowerCase();
    await new EmailApi(this.deps).change(target.teamId, ({ mappings }) => {
      const found = mappings.find((m) => m.email.toLowerCase() === email);
      if (!found || (found.emailReceivingVerified && (found.emailForwardingVerified || !forwarded)))
        return undefined;
      const next = {
        ...found,
        emailReceivingVerified: true,
        emailForwardingVerified: found.emailForwardingVerified || forwarded,
      };
      return { mappings: mappings.map((m) => (m === found ? next : m)) };
    });
  }

  /**
   * Posts `mail` in the target's channel and hands the post to intake. The post is recorded as
   * intended before it is made (`EmailArrivals`): the same Message-ID again finds it and only
   * finishes what a cut-off delivery left (request, contact, e-mail thread), or is `busy` while
   * another session posts it.
   */
  private async post(
    mail: ParsedMail,
    target: Target,
    flagged: string | null,
  ): Promise<'done' | 'busy'> {
    const { teamId, channelId, recipient } = target;
    const mailbox = target.mapping.email.toLowerCase();
    // The same message again (a sender retrying after a lost reply): it is in a thread already.
    if (mail.messageId && (await this.threads.byReference(mailbox, [mail.messageId]))) {
      return 'done';
    }
    const key = mail.messageId ? `${teamId}/${channelId}/${mail.messageId}` : null;
    const now = this.deps.clock.now();
    const arrival = key ? await this.arrivals.begin(key, now, ARRIVAL_LEASE_MS) : null;
    if (arrival?.kind === 'busy') return 'busy';
    const thread =
      (await this.threads.byReference(mailbox, mail.references)) ??
      (recipient.token ? await this.threads.byToken(mailbox, recipient.token) : null);
    const inThread = thread?.teamId === teamId && thread.channelId === channelId ? thread : null;
    const slack = await this.deps.slack(teamId);
    const text = emailPostText(mail, flagged);
    let ts = arrival?.kind === 'posted' ? arrival.ts : undefined;
    if (ts === undefined) {
      const posted = await slack.post({
        channel: channelId,
        text,
        unfurl_links: false,
        unfurl_media: false,
        ...(inThread ? { thread_ts: inThread.rootTs } : {}),
      });
      if (typeof posted?.ts !== 'string') throw new Error('the e-mail post got no ts');
      ts = posted.ts;
      if (key) await this.arrivals.posted(key, ts);
    }
    const request = await takeEmailed(this.deps, slack, {
      teamId,
      channelId,
      ts,
      text,
      from: { email: mail.fromAddress, name: mail.fromName },
      source: 'email',
      ...(inThread ? { threadTs: inThread.rootTs } : {}),
    });
    if (inThread) {
      if (mail.messageId) await this.threads.addMessageId(inThread._id, mail.messageId);
      return 'done';
    }
    // The request it opened, or the one it was grouped into (a second mail within the window).
    if (!request) return 'done'; // detection took it for no request: nothing to thread replies to
    const opened = await this.threads.open({
      _id: request._id,
      teamId,
      channelId,
      rootTs: request.rootTs,
      mailbox,
      token: randomBytes(12).toString('hex'),
      contactEmail: mail.fromAddress.toLowerCase(),
      contactName: mail.fromName,
      subject: mail.subject,
      messageIds: mail.messageId ? [mail.messageId] : [],
      openedAt: now,
    });
    if (mail.messageId) await this.threads.addMessageId(opened._id, mail.messageId);
    // Replies made while the request opened (a rule's send_message) had no thread to go to yet.
    await requeueLostReplies(this.deps, request._id);
    return 'done';
  }
}
