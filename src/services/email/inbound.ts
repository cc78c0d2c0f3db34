import { randomBytes } from 'node:crypto';
import { ContactStore } from '../../db/repositories/contacts.js';
import { EmailThreads, mappedChannels } from '../../db/repositories/email.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import {
  decideRecipient,
  mappingFor,
  parseRecipient,
  type Recipient,
  type RecipientDecision,
} from '../../email/address.js';
import { emailPostText, spamOutcome, spamReason, type InboundMail } from '../../email/message.js';
import { emailRequester } from '../../text/mrkdwn.js';
import { channelContext } from '../requests/context.js';
import { RequestIntake } from '../requests/intake.js';

/** A recipient the bot takes mail for, and where its mail goes. */
export type Target = Extract<RecipientDecision, { accept: true }> & {
  recipient: Recipient;
  teamId: string;
  channelId: string;
};

/** A parsed message as the SMTP listener hands it over. */
export interface ParsedMail extends InboundMail {
  messageId: string | null;
  /** `In-Reply-To` first, then `References`, as the message gave them. */
  references: string[];
  authenticationResults: string[];
  spamFlag: string | null;
}

/** What delivery came to: taken, or refused with an SMTP code and text (spam under `block`). */
export type Delivery = { ok: true } | { ok: false; code: number; message: string };

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
  private readonly requests: RequestStore;

  constructor(private readonly deps: BotDeps) {
    this.threads = new EmailThreads(deps.models);
    this.requests = new RequestStore(deps.models);
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
    for (const target of channels.values()) {
      const outcome = spamOutcome(target.domain?.spam_action ?? 'disabled', reason);
      await this.post(mail, target, outcome.flagged);
    }
    return { ok: true };
  }

  private async post(mail: ParsedMail, target: Target, flagged: string | null) {
    const { teamId, channelId, recipient } = target;
    const mailbox = target.mapping.email.toLowerCase();
    // The same message again (a sender retrying after a lost reply): it is in a thread already.
    if (mail.messageId && (await this.threads.byReference(mailbox, [mail.messageId]))) return;
    const thread =
      (await this.threads.byReference(mailbox, mail.references)) ??
      (recipient.token ? await this.threads.byToken(mailbox, recipient.token) : null);
    const inThread = thread?.teamId === teamId && thread.channelId === channelId ? thread : null;
    const slack = await this.deps.slack(teamId);
    const text = emailPostText(mail, flagged);
    const posted = await slack.post({
      channel: channelId,
      text,
      unfurl_links: false,
      unfurl_media: false,
      ...(inThread ? { thread_ts: inThread.rootTs } : {}),
    });
    const ts = posted?.ts as string;
    const ctx = await channelContext(this.deps, slack, teamId, channelId);
    await new ContactStore(this.deps.models).recordEmail({
      teamId,
      email: mail.fromAddress,
      accountId: ctx?.channel.accountId ?? null,
      name: mail.fromName,
      at: this.deps.clock.now(),
    });
    const intake = new RequestIntake(this.deps, slack);
    const userId = emailRequester(mail.fromAddress);
    await intake.fromEmail({
      teamId,
      channelId,
      ts,
      text,
      userId,
      botUserId: '',
      ...(inThread ? { threadTs: inThread.rootTs } : {}),
    });
    if (inThread) {
      if (mail.messageId) await this.threads.addMessageId(inThread._id, mail.messageId);
      return;
    }
    // The request it opened, or the one it was grouped into (a second mail within the window).
    const request = await this.requests.byThread(teamId, channelId, ts);
    if (!request) return; // detection took it for no request: nothing to thread replies to
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
    });
    if (mail.messageId) await this.threads.addMessageId(opened._id, mail.messageId);
  }
}
