import { SummaryAnswer } from '../../ai/outputs.js';
import { aiGate } from '../../ai/policy.js';
import {
  conversationText,
  SUMMARY_MIN_MESSAGES,
  summaryReply,
  threadSize,
  type ConversationLine,
} from '../../ai/summary.js';
import type { RequestDoc } from '../../db/models/index.js';
import { MessageStore } from '../../db/repositories/messages.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Features } from '../../settings/features.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext } from '../requests/context.js';
import { aiProvider } from './provider.js';

const AI_OFF = ':information_source: AI assist is off for this channel: nothing was sent.';

/**
 * Whether AI assist for agents acts in a channel: a provider is configured and the channel has
 * `ai_assist_auto_responder` on (its drafted replies and the card's Summarise).
 */
export function agentAssistOn(deps: Parameters<typeof aiProvider>[0], features: Features): boolean {
  const on = features.requests.config.ai_assist_auto_responder;
  return aiGate(aiProvider(deps).configured, on).send;
}

/** A request's conversation, oldest first: its opening text and its stored thread messages. */
export async function conversationOf(deps: BotDeps, request: RequestDoc): Promise<string> {
  const messages = await new MessageStore(deps.models).of(request._id);
  const lines: ConversationLine[] = [
    { from: 'customer', text: request.text },
    ...messages
      .filter((m) => m.text !== null && m.deletedAt === null)
      .map((m) => ({
        from: m.kind === 'incoming' ? ('customer' as const) : ('agent' as const),
        text: m.text as string,
        note: m.private,
      })),
  ];
  return conversationText(lines);
}

/**
 * The card's Summarise, clicked: for a long enough thread in a channel with AI assist on, the
 * model's summary; else why there is none. Only the clicker sees the answer.
 */
export async function summariseRequest(
  deps: BotDeps,
  slack: SlackGateway,
  input: { teamId: string; requestId: string },
): Promise<string> {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  if (!request || request.teamId !== input.teamId) {
    throw new AppError('request_not_found', `unknown request ${input.requestId}`);
  }
  if (threadSize(request) < SUMMARY_MIN_MESSAGES) return summaryReply('too_short');
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx || !agentAssistOn(deps, ctx.features)) return AI_OFF;
  const conversation = await conversationOf(deps, request);
  const values = { conversation };
  const answer = await aiProvider(deps).ask(request.teamId, 'summary', values, SummaryAnswer);
  return summaryReply(answer ?? 'no_answer');
}
