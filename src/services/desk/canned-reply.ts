import type { CannedResponseDoc, RequestDoc } from '../../db/models/index.js';
import { CannedResponseStore } from '../../db/repositories/canned-responses.js';
import type { BotDeps } from '../../deps.js';
import { closeCodes, fillTemplate } from '../../desk/canned.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { escapeMrkdwn, truncate } from '../../text/mrkdwn.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import { RequestIntake } from '../requests/intake.js';
import { senderOf } from '../requests/sender.js';
import { logStep } from '../requests/triage-card.js';

/** Who posts a canned response, from Slack's payload. */
export interface CannedAgent {
  userId: string;
  /** The bot's own user id, when the payload says it. */
  botUserId?: string;
}

/** Posted, or the sentence the person is shown instead (nothing was posted or written). */
export type CannedOutcome =
  { ok: true; request: RequestDoc; shortCode: string } | { ok: false; text: string };

export const AGENTS_ONLY =
  ':no_entry: Only the support team can post canned responses. Nothing was posted.';
const NOT_TRACKED =
  ':warning: The bot no longer tracks the channel of this request; nothing was posted.';

/**
 * The request's channel if the person is on its support side (as escalation decides who is an
 * agent), else the sentence that refuses them.
 */
export async function agentContext(
  deps: BotDeps,
  slack: SlackGateway,
  request: RequestDoc,
  who: CannedAgent,
): Promise<{ ok: true; ctx: ChannelContext } | { ok: false; text: string }> {
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return { ok: false, text: NOT_TRACKED };
  const identity = { teamId: request.teamId, botUserId: who.botUserId ?? '', userId: who.userId };
  const sender = await senderOf(slack, ctx, identity, request.requesterId);
  return sender === 'agent' ? { ok: true, ctx } : { ok: false, text: AGENTS_ONLY };
}

/**
 * Posts the workspace's canned response `shortCode` into the request's customer thread as the
 * bot under the agent's name and picture, its placeholders filled in, and records it as the
 * agent's reply (first response, assignment, in progress) through the same rules as a reply the
 * agent typed. A non-agent or an unknown short code (answered with the close ones) posts nothing.
 */
export async function postCanned(
  deps: BotDeps,
  slack: SlackGateway,
  request: RequestDoc,
  who: CannedAgent,
  shortCode: string,
): Promise<CannedOutcome> {
  const allowed = await agentContext(deps, slack, request, who);
  if (!allowed.ok) return allowed;
  const store = new CannedResponseStore(deps.models);
  const response = await store.byShortCode(request.teamId, shortCode.toLowerCase());
  if (!response) {
    const codes = (await store.list(request.teamId)).map((r) => r.shortCode);
    return { ok: false, text: unknownCode(shortCode, codes) };
  }
  const agent = await slack.identity(who.userId, logStep(request, 'canned_identity'));
  const text = await filled(slack, request, agent.username, response);
  await postForAgent(deps, slack, allowed.ctx, request, who.userId, text, agent);
  return { ok: true, request, shortCode: response.shortCode };
}

/**
 * Posts `text` into the request's customer thread as the bot under the agent's name and picture
 * (`agent`: their identity, looked up when not given) and records it as the agent's reply
 * (first response, SLA, reports), as a canned response or a sent AI draft is.
 */
export async function postForAgent(
  deps: BotDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  request: RequestDoc,
  agentId: string,
  text: string,
  agent?: Awaited<ReturnType<SlackGateway['identity']>>,
): Promise<void> {
  const identity = agent ?? (await slack.identity(agentId, logStep(request, 'agent_identity')));
  const posted = await slack.post({
    channel: request.channelId,
    thread_ts: request.rootTs,
    text,
    ...identity,
  });
  const ts = posted?.ts as string;
  await new RequestIntake(deps, slack).postedForAgent(ctx, request, agentId, { ts, text });
}

/** A response's content as `agentName` would post it into `request`'s thread. */
export async function filled(
  slack: SlackGateway,
  request: RequestDoc,
  agentName: string | undefined,
  response: CannedResponseDoc,
): Promise<string> {
  const options = { bestEffort: logStep(request, 'canned_customer') };
  const customer = (await slack.user(request.requesterId, options))?.user;
  return fillTemplate(response.content, {
    customer: customer && {
      displayName: customer.profile?.display_name,
      realName: customer.profile?.real_name || customer.real_name,
    },
    agentName,
    requestId: String(request._id),
  });
}

/** `/triage reply` with nothing after it, or an unknown code: the codes there are. */
export function codeList(codes: readonly string[]): string {
  if (codes.length === 0) {
    return 'This workspace has no canned responses yet. An admin adds them with the API (`POST /api/v1/canned_responses`).';
  }
  return `Canned responses of this workspace: ${codes.map((code) => `\`${code}\``).join(', ')}`;
}

function unknownCode(typed: string, codes: readonly string[]): string {
  const shown = escapeMrkdwn(truncate(typed, 50)).replace(/`/g, "'");
  const head = `:warning: There is no canned response \`${shown}\`; nothing was posted.`;
  if (codes.length === 0) return `${head} ${codeList(codes)}`;
  return `${head} Did you mean: ${closeCodes(typed.toLowerCase(), codes)
    .map((c) => `\`${c}\``)
    .join(', ')}?`;
}
