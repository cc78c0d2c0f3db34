import type { RequestRef } from '../../commands/parse.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { SlackGateway } from '../../slack/gateway.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from '../commands/context.js';
import { requestOfMessage, requestOfRef } from '../requests/message-request.js';
import { escalate, type EscalationOutcome, type Escalator } from './escalate.js';
import { userMention } from '../../text/mrkdwn.js';

/** The three ways in: the card's Escalate button, ‼️ on a request's message, `/triage escalate`. */

/** The card's Escalate button: the request by the id the button carries, in the clicker's workspace. */
export async function escalateFromCard(
  deps: BotDeps,
  slack: SlackGateway,
  input: { requestId: string; teamId: string } & Escalator,
): Promise<EscalationOutcome> {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  if (!request || request.teamId !== input.teamId) {
    throw new AppError('request_not_found', `unknown request ${input.requestId}`);
  }
  return escalate(deps, slack, request, input);
}

/**
 * ‼️ on the customer's message or any message of its thread. Undefined when the message belongs
 * to no request (a reaction like any other); else the outcome and the thread the message is in
 * (where a refusal is shown), if it is a reply.
 */
export async function escalateFromReaction(
  deps: BotDeps,
  slack: SlackGateway,
  input: { teamId: string; channelId: string; ts: string } & Escalator,
): Promise<{ outcome: EscalationOutcome; threadTs?: string } | undefined> {
  const found = await requestOfMessage(deps, slack, input.teamId, input.channelId, input.ts);
  if (!found) return undefined;
  return { outcome: await escalate(deps, slack, found.request, input), threadTs: found.threadTs };
}

const NOT_A_REQUEST =
  ":warning: That message is not a request the bot tracks, so nothing was escalated. Use the customer's message: its ⋯ menu → *Copy link*.";

/** `/triage escalate <link or id> [reason]`, from any channel of the workspace. */
export async function escalateFromCommand(
  ctx: CommandContext,
  target: RequestRef,
  reason: string | undefined,
): Promise<Reply> {
  const { deps, slack, teamId } = ctx;
  const request = await requestOfRef(deps, slack, teamId, target);
  if (!request) return { text: NOT_A_REQUEST };
  const outcome = await escalate(deps, slack, request, { userId: ctx.userId, reason });
  if (!outcome.ok) return { text: outcome.text };
  return {
    text: `:bangbang: Escalated the request from ${userMention(request.requesterId)} in <#${request.channelId}>.`,
  };
}
