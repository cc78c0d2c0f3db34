import type { WebClient } from '@slack/web-api';
import type { RequestRef } from '../../commands/parse.js';
import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { bestEffort } from '../../slack/safe-call.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from '../commands/context.js';
import { escalate, type EscalationOutcome, type Escalator } from './escalate.js';

/** The three ways in: the card's Escalate button, ‼️ on a request's message, `/triage escalate`. */

/** The card's Escalate button: the request by the id the button carries, in the clicker's workspace. */
export async function escalateFromCard(
  deps: BotDeps,
  client: WebClient,
  input: { requestId: string; teamId: string } & Escalator,
): Promise<EscalationOutcome> {
  const store = new RequestStore(deps.models);
  const request = /^[0-9a-f]{24}$/.test(input.requestId) ? await store.byId(input.requestId) : null;
  if (!request || request.teamId !== input.teamId) {
    throw new AppError('request_not_found', `unknown request ${input.requestId}`);
  }
  return escalate(deps, client, request, input);
}

/**
 * ‼️ on the customer's message or any message of its thread. Undefined when the message belongs
 * to no request (a reaction like any other); else the outcome and the thread the message is in
 * (where a refusal is shown), if it is a reply.
 */
export async function escalateFromReaction(
  deps: BotDeps,
  client: WebClient,
  input: { teamId: string; channelId: string; ts: string } & Escalator,
): Promise<{ outcome: EscalationOutcome; threadTs?: string } | undefined> {
  const found = await requestOfMessage(deps, client, input.teamId, input.channelId, input.ts);
  if (!found) return undefined;
  return { outcome: await escalate(deps, client, found.request, input), threadTs: found.threadTs };
}

const NOT_A_REQUEST =
  ":warning: That message is not a request the bot tracks, so nothing was escalated. Use the customer's message: its ⋯ menu → *Copy link*.";

/** `/triage escalate <link or id> [reason]`, from any channel of the workspace. */
export async function escalateFromCommand(
  ctx: CommandContext,
  target: RequestRef,
  reason: string | undefined,
): Promise<Reply> {
  const { deps, client, teamId } = ctx;
  const request =
    'id' in target
      ? await new RequestStore(deps.models).byId(target.id)
      : (await requestOfMessage(deps, client, teamId, target.channelId, target.ts))?.request;
  if (!request || request.teamId !== teamId) return { text: NOT_A_REQUEST };
  const outcome = await escalate(deps, client, request, { userId: ctx.userId, reason });
  if (!outcome.ok) return { text: outcome.text };
  return {
    text: `:bangbang: Escalated the request from <@${request.requesterId}> in <#${request.channelId}>.`,
  };
}

/**
 * The request a message belongs to: its root or a grouped message, else (for a reply) the
 * thread's, which Slack tells (`conversations.replies` names a reply's thread).
 */
async function requestOfMessage(
  deps: BotDeps,
  client: WebClient,
  teamId: string,
  channelId: string,
  ts: string,
): Promise<{ request: RequestDoc; threadTs?: string } | undefined> {
  const store = new RequestStore(deps.models);
  const direct = await store.byThread(teamId, channelId, ts);
  if (direct) return { request: direct };
  const thread = await bestEffort(deps.logger, { step: 'escalation_thread', channelId, ts }, () =>
    client.conversations.replies({ channel: channelId, ts, limit: 1 }),
  );
  const threadTs = thread?.messages?.[0]?.thread_ts;
  if (!threadTs || threadTs === ts) return undefined;
  const request = await store.byThread(teamId, channelId, threadTs);
  return request ? { request, threadTs } : undefined;
}
