import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type {
  EmailOutboxDoc,
  EmailThreadDoc,
  MessageDoc,
  RequestDoc,
} from '../../db/models/index.js';
import { csatMail } from '../../email/csat.js';
import type { Features } from '../../settings/features.js';
import { EmailOutbox } from '../../db/repositories/email-outbox.js';
import { EmailThreads, storedDomain } from '../../db/repositories/email.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import { mappingFor } from '../../email/address.js';
import {
  nextAttemptAt,
  plainText,
  replyAddress,
  replyHtml,
  replySubject,
} from '../../email/outbound.js';
import { revealSecret } from '../../settings/secrets.js';
import { channelContext } from '../requests/context.js';
import { TriageCard } from '../requests/triage-card.js';

/** How long a worker holds a reply it is sending before another may take it. */
const LEASE_MS = 2 * 60_000;

/**
 * An agent's reply in the thread of a request that came in by e-mail (not a private note) is
 * queued to go back to the customer: from the mapped address, threaded under the customer's
 * last mail, with a tracking pixel unless `ma.config.disableTrackingPixel` (or no `PUBLIC_URL`
 * to serve it from). Queued once per stored message (its id is the entry's).
 */
export const emailHooks: RequestHooks = {
  async messageCreated(deps, ctx, request, message) {
    await queueReply(deps, ctx.features, request, message);
  },
};

/**
 * Queues `message` to go back by e-mail when it is an agent's public reply of a request that
 * came in by e-mail; true when this call queued it (false: not one, or queued already). The
 * hook's work, and the sweep's (`requeueLostReplies`) for a message a crash left unqueued.
 */
export async function queueReply(
  deps: BotDeps,
  features: Features,
  request: RequestDoc,
  message: MessageDoc,
): Promise<boolean> {
  if (message.kind !== 'outgoing' || message.private || !message.text) return false;
  const threads = new EmailThreads(deps.models);
  const thread = await threads.ofRequest(request._id);
  if (!thread) return false;
  const envelope = threadEnvelope(thread, features.emailToSlack.mappings);
  const queued = await new EmailOutbox(deps.models).enqueue(
    {
      ...envelope,
      _id: message._id,
      teamId: request.teamId,
      requestId: request._id,
      text: plainText(message.text),
      pixelId: randomBytes(16).toString('hex'),
      tracked: !features.ma.config.disableTrackingPixel && !!deps.env.PUBLIC_URL,
    },
    deps.clock.now(),
  );
  if (queued) await threads.addMessageId(thread._id, envelope.messageId);
  return queued;
}

/**
 * The addresses and threading of a mail into `thread`'s conversation: from the mapped address
 * (with the mapping's name), replies coming back through the `+token` address, under the last
 * mail of the thread, with a Message-ID of its own.
 */
export function threadEnvelope(
  thread: EmailThreadDoc,
  mappings: Features['emailToSlack']['mappings'],
) {
  const mapping = mappingFor(mappings, thread.mailbox);
  const domain = thread.mailbox.slice(thread.mailbox.lastIndexOf('@') + 1);
  return {
    from: thread.mailbox,
    fromName: mapping?.name ?? null,
    replyTo: replyAddress(thread.mailbox, thread.token),
    to: thread.contactEmail,
    subject: replySubject(thread.subject),
    messageId: `<${randomUUID()}@${domain}>`,
    inReplyTo: thread.messageIds.at(-1) ?? null,
    references: thread.messageIds,
  };
}

/**
 * Sends the replies that are due, one claimed at a time, through `SMTP_RELAY_URL`; a failure is
 * tried again later (`nextAttemptAt`) and given up after the last attempt. Each outcome redraws
 * the request's card, which shows sent, sending and failed replies. Returns how many it tried.
 */
export async function sendDueEmails(deps: BotDeps): Promise<number> {
  const relay = deps.env.SMTP_RELAY_URL;
  if (!relay) return 0;
  const outbox = new EmailOutbox(deps.models);
  let tried = 0;
  for (;;) {
    const now = deps.clock.now();
    const email = await outbox.claim(now, LEASE_MS);
    if (!email) return tried;
    tried += 1;
    try {
      const route = await routeOf(deps, relay, email);
      const held = route.sandbox && (await sandboxRefusal(deps, route.sandbox, email));
      if (held) {
        await outbox.settle(email, { error: held, retryAt: null });
      } else {
        await send(route.relay, email, deps.env.PUBLIC_URL);
        await outbox.settle(email, { sentAt: deps.clock.now() });
      }
    } catch (error) {
      const reason = (error as { response?: string; message?: string }).response;
      const text = (reason ?? (error as Error).message ?? 'send failed').slice(0, 300);
      deps.logger.warn({ err: error, emailId: String(email._id) }, 'e-mail reply not sent');
      await outbox.settle(email, { error: text, retryAt: nextAttemptAt(email.attempts, now) });
    }
    if (!email.csat) await redrawCard(deps, email.requestId); // CSAT asks are not on the card
  }
}

/**
 * How `email` goes: the relay, `SMTP_RELAY_URL`, logged in as the sending domain's `smtp_login`
 * with its `smtp_password` when the domain has both (else as the URL says); and, when the
 * domain is a `sandbox` one, its name and workspace.
 */
async function routeOf(deps: BotDeps, relay: string, email: EmailOutboxDoc) {
  const request = await new RequestStore(deps.models).byId(String(email.requestId));
  if (!request) return { relay, sandbox: null };
  const domain = email.from.slice(email.from.lastIndexOf('@') + 1);
  const stored = await storedDomain(deps.models, request.teamId, request.channelId, domain);
  const sandbox = stored?.sandbox ? { domain, teamId: request.teamId } : null;
  if (!stored?.smtp) return { relay, sandbox };
  const url = new URL(relay);
  url.username = encodeURIComponent(stored.smtp.login);
  url.password = encodeURIComponent(
    revealSecret(stored.smtp.sealedPassword, deps.env.SETTINGS_ENCRYPTION_KEY),
  );
  return { relay: url.toString(), sandbox };
}

/**
 * A sandbox domain (`type: sandbox`, as a Mailgun sandbox sends only to authorized recipients)
 * mails only the workspace's own people: an address Slack knows as a member's
 * (`users.lookupByEmail`). Why `email` is held, or null when it may go.
 */
async function sandboxRefusal(
  deps: BotDeps,
  sandbox: { domain: string; teamId: string },
  email: EmailOutboxDoc,
): Promise<string | null> {
  const member = await (await deps.slack(sandbox.teamId)).userByEmail(email.to);
  if (member && !member.deleted && !member.is_bot) return null;
  return `${sandbox.domain} is a sandbox domain: it mails only this workspace's members, and ${email.to} is not one`;
}

async function send(relay: string, email: EmailOutboxDoc, publicUrl: string | undefined) {
  const transport = nodemailer.createTransport(relay);
  const pixel = email.tracked && publicUrl ? `${publicUrl}/t/${email.pixelId}.gif` : null;
  const body = email.csat
    ? csatMail(email.text, email.csat.scale, needUrl(publicUrl), email.pixelId)
    : { text: email.text, html: replyHtml(email.text, pixel) };
  try {
    await transport.sendMail({
      from: email.fromName ? { name: email.fromName, address: email.from } : email.from,
      replyTo: email.replyTo,
      to: email.to,
      subject: email.subject,
      ...body,
      messageId: email.messageId,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      references: email.references,
    });
  } finally {
    transport.close();
  }
}

/** `PUBLIC_URL`, which a CSAT mail's links need (a failed attempt, tried again, until set). */
function needUrl(publicUrl: string | undefined): string {
  if (!publicUrl) throw new Error('PUBLIC_URL is not set: the rating links cannot be made');
  return publicUrl;
}

/** Redraws a request's card after its e-mail changed (sent, failed, opened). */
export async function redrawCard(deps: BotDeps, requestId: EmailOutboxDoc['requestId']) {
  const request = await new RequestStore(deps.models).byId(String(requestId));
  if (!request) return;
  const slack = await deps.slack(request.teamId);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (ctx) await new TriageCard(deps, slack).update(ctx, request);
}

/** Counts an open of the reply whose pixel is `pixelId` and shows it on the card. */
export async function recordOpen(deps: BotDeps, pixelId: string): Promise<void> {
  const opened = await new EmailOutbox(deps.models).opened(pixelId, deps.clock.now());
  if (opened) await redrawCard(deps, opened.requestId);
}
