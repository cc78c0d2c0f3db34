import type { KnownBlock } from '@slack/types';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { DEFLECTED, mayAnswer, ONLY_REQUESTER_OR_AGENT, type KbAnswer } from '../../kb/answer.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { kbAnswered } from '../../views/kb-suggestions.js';
import { applyRequestCommand } from '../requests/actions.js';
import { channelContext } from '../requests/context.js';

/** A click on a suggestion's button, and the message it was on. */
export interface KbClick {
  requestId: string;
  teamId: string;
  userId: string;
  answer: KbAnswer;
  channel: string;
  messageTs: string;
  message: { text: string; blocks: readonly KnownBlock[] };
}

/**
 * **This solved it** closes the request as deflected (a lifecycle close with reason `deflected`,
 * in its history and counted by the reports); **Still need help** leaves it as it is. Either way
 * the buttons give way to a line saying who answered what. Only the requester or an agent may
 * answer; anyone else is told so (the sentence returned) and nothing changes.
 */
export async function answerSuggestion(
  deps: BotDeps,
  slack: SlackGateway,
  click: KbClick,
): Promise<string | undefined> {
  const request = await new RequestStore(deps.models).byKey(click.requestId);
  if (!request || request.teamId !== click.teamId) return undefined;
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  const isAgent = ctx?.internalUserIds.has(click.userId) ?? false;
  if (!mayAnswer(click.userId, request.requesterId, isAgent)) return ONLY_REQUESTER_OR_AGENT;
  if (click.answer === 'solved') {
    const command = { kind: 'status', to: 'closed', reason: DEFLECTED } as const;
    const refusal = await applyRequestCommand(
      deps,
      slack,
      { id: click.requestId },
      command,
      click.userId,
    );
    if (refusal) return refusal;
  }
  await slack.update(
    {
      channel: click.channel,
      ts: click.messageTs,
      ...kbAnswered(click.message, click.answer, click.userId),
    },
    { bestEffort: { step: 'kb_answered', requestId: click.requestId } },
  );
  return undefined;
}
