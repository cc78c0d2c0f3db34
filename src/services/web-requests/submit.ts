import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { RequestDoc } from '../../db/models/index.js';
import { EmailOutbox } from '../../db/repositories/email-outbox.js';
import { EmailArrivals, EmailThreads } from '../../db/repositories/email.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { webAckText, webMailbox, webPostText, type WebForm } from '../../requests/web-form.js';
import type { Features } from '../../settings/features.js';
import { threadEnvelope } from '../email/outbound.js';
import { requeueLostReplies } from '../email/worker.js';
import { channelContext } from '../requests/context.js';
import { takeEmailed } from '../requests/emailed.js';

/** Where a workspace's web requests go: its `web_request_redirection_channel`. */
export interface WebTarget {
  teamId: string;
  channelId: string;
}

/** How long a submission holds its post before the same form token may make it again. */
const SUBMIT_LEASE_MS = 2 * 60_000;
/** How long a double submit waits for the first one's post (checked every 100 ms). */
const BUSY_WAIT_MS = 10_000;

/**
 * The workspace's form target (issue 12), or null when it takes no web requests: no
 * `web_request_redirection_channel` in its own settings, or not a customer channel it set up.
 */
export async function webFormTarget(deps: BotDeps, teamId: string): Promise<WebTarget | null> {
  const { features } = await deps.settings.workspace(teamId, false);
  const channelId = features.requests.config.web_request_redirection_channel;
  if (!channelId) return null;
  const channel = await deps.settings.channel(teamId, channelId).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
  return channel?.kind === 'customer' ? { teamId, channelId } : null;
}

/** The workspace whose `host_domain` is `host` (the `Host` of a request), if one is. */
export function workspaceOfHost(deps: BotDeps, host: string): Promise<string | null> {
  return new WorkspaceStore(deps.models).byHostDomain(host.toLowerCase());
}

/**
 * A web request (issue 12), once per form token: the bot posts it in the target channel (the
 * post recorded as intended first, as an e-mail's is: `EmailArrivals`, so a double submit finds
 * it), records the submitter as an e-mail contact and hands the post to the same intake an
 * e-mail takes (`source: 'web'`). With `web_request_email_communication` the submitter is sent
 * an acknowledgement, and agents' replies follow by e-mail as for an e-mail request. Answers
 * the request it opened or joined (null when detection took it for none).
 */
export async function submitWebRequest(
  deps: BotDeps,
  target: WebTarget,
  form: WebForm,
  token: string,
): Promise<RequestDoc | null> {
  const { teamId, channelId } = target;
  const slack = await deps.slack(teamId);
  const text = webPostText(form);
  const ts = await postOnce(deps, `${teamId}/${channelId}/web:${token}`, async () => {
    const posted = await slack.post({
      channel: channelId,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (typeof posted?.ts !== 'string') throw new Error('the web request post got no ts');
    return posted.ts;
  });
  const arrived = deps.clock.now();
  const request = await takeEmailed(deps, slack, {
    teamId,
    channelId,
    ts,
    text,
    from: { email: form.email, name: form.name },
    source: 'web',
  });
  const ctx = request && (await channelContext(deps, slack, teamId, channelId));
  if (request && ctx?.features.requests.config.web_request_email_communication) {
    await acknowledge(deps, ctx.features, request, form, token, arrived);
  }
  return request;
}

/** Posts once per `key`: the first submission posts, a second finds (or waits for) its ts. */
async function postOnce(deps: BotDeps, key: string, post: () => Promise<string>) {
  const arrivals = new EmailArrivals(deps.models);
  const deadline = performance.now() + BUSY_WAIT_MS;
  for (;;) {
    const arrival = await arrivals.begin(key, deps.clock.now(), SUBMIT_LEASE_MS);
    if (arrival.kind === 'posted') return arrival.ts;
    if (arrival.kind === 'new') {
      const ts = await post();
      await arrivals.posted(key, ts);
      return ts;
    }
    if (performance.now() > deadline) throw new AppError('conflict', 'already being submitted');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens the request's e-mail thread (from `webMailbox`; once per request) and queues the
 * acknowledgement, once per form token (its id is made from the token). No usable mapping: a
 * warning, and no mail.
 */
async function acknowledge(
  deps: BotDeps,
  features: Features,
  request: RequestDoc,
  form: WebForm,
  token: string,
  openedAt: Date,
): Promise<void> {
  const { mappings } = features.emailToSlack;
  const mapping = webMailbox(mappings, request.channelId);
  if (!mapping) {
    deps.logger.warn(
      { teamId: request.teamId, channelId: request.channelId },
      'web request: no e-mail address is mapped to the redirection channel, so no mail is sent',
    );
    return;
  }
  const threads = new EmailThreads(deps.models);
  const now = deps.clock.now();
  const thread = await threads.open({
    _id: request._id,
    teamId: request.teamId,
    channelId: request.channelId,
    rootTs: request.rootTs,
    mailbox: mapping.email.toLowerCase(),
    token: randomBytes(12).toString('hex'),
    contactEmail: form.email.toLowerCase(),
    contactName: form.name,
    subject: form.subject,
    messageIds: [],
    openedAt,
  });
  const envelope = threadEnvelope(thread, mappings);
  const queued = await new EmailOutbox(deps.models).enqueue(
    {
      ...envelope,
      _id: new Types.ObjectId(token.slice(0, 24)),
      teamId: request.teamId,
      requestId: request._id,
      text: webAckText(form, String(request._id)),
      pixelId: randomBytes(16).toString('hex'),
      tracked: false,
    },
    now,
  );
  if (queued) await threads.addMessageId(thread._id, envelope.messageId);
  // Replies made while the request opened (a rule's send_message) had no thread to go to yet.
  await requeueLostReplies(deps, request._id);
}
