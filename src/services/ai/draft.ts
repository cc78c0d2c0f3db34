import { DraftAnswer } from '../../ai/outputs.js';
import { claimOnce, releaseClaim, type RequestDoc } from '../../db/models/index.js';
import { AiDraftStore } from '../../db/repositories/ai-drafts.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { draftMessage, draftValue } from '../../views/ai-draft.js';
import { agentContext, postForAgent } from '../desk/canned-reply.js';
import type { RequestHooks } from '../requests/hooks.js';
import { aiProvider } from './provider.js';
import { agentAssistOn, conversationOf } from './summary.js';

/** The claims that make a request's draft asked once and sent once. */
const draftedKey = (requestId: string) => `ai_draft:${requestId}`;
const sentKey = (requestId: string) => `ai_draft_sent:${requestId}`;

/**
 * Drafted replies (`ai_assist_auto_responder`, with an AI provider): a new request's
 * conversation is sent to the `draft-reply` prompt once (a claim, so a redelivered event asks
 * nothing more), and a usable answer is shown to agents only with **Send** / **Edit**: as an
 * ephemeral to the assignee, or, unassigned, in the thread of the triage card. A malformed
 * answer, a failed call or the month's budget used up shows nothing.
 */
export const draftHooks: RequestHooks = {
  async created(deps, ctx, opened) {
    if (!opened.text.trim() || !agentAssistOn(deps, ctx.features)) return;
    const requestId = String(opened._id);
    if (!(await claimOnce(deps.models.claims, draftedKey(requestId), deps.clock.now()))) return;
    const conversation = await conversationOf(deps, opened);
    const answer = await aiProvider(deps).ask(
      opened.teamId,
      'draft-reply',
      { conversation },
      DraftAnswer,
    );
    if (!answer) return;
    // Kept on the request: the buttons carry only its id, so a draft of any length is offered.
    await new AiDraftStore(deps.models).save(opened._id, answer.reply, deps.clock.now());
    const value = draftValue({ requestId });
    const request = (await new RequestStore(deps.models).byKey(requestId)) ?? opened;
    const slack = await deps.slack(request.teamId);
    const shown = await showDraft(slack, request, draftMessage(answer.reply, value));
    // Not shown (Slack refused): a redelivery may draft again.
    if (!shown) await releaseClaim(deps.models.claims, draftedKey(requestId));
  },
};

/** Shows a draft to the assignee, else in the card's thread; whether Slack took it. */
async function showDraft(
  slack: SlackGateway,
  request: RequestDoc,
  message: ReturnType<typeof draftMessage>,
): Promise<boolean> {
  const bestEffort = { step: 'ai_draft', requestId: String(request._id) };
  const { channelId, ts } = request.triage;
  if (request.assigneeId) {
    // In the card's thread; an assignee outside the triage channel (a CSM) sees it in the
    // customer's thread, where an ephemeral is still theirs alone.
    const places = [
      ...(channelId && ts ? [{ channel: channelId, thread_ts: ts }] : []),
      { channel: request.channelId, thread_ts: request.rootTs },
    ];
    for (const at of places) {
      const ephemeral = { ...at, user: request.assigneeId, ...message };
      const options = { expect: ['user_not_in_channel'], bestEffort };
      if (await slack.postEphemeral(ephemeral, options)) return true;
    }
    return false;
  }
  if (!channelId || !ts) return false;
  return Boolean(
    await slack.post({ channel: channelId, thread_ts: ts, ...message }, { bestEffort }),
  );
}

/** Who sends a draft, and what: the edited text (the modal), else the draft as kept (Send). */
export interface DraftSend {
  teamId: string;
  userId: string;
  botUserId?: string;
  requestId: string;
  text?: string;
}

const SENT = ':white_check_mark: Sent in the customer’s thread as your reply.';
const ALREADY =
  ':information_source: This draft was already sent (or its edit posted); nothing more was posted.';
const GONE = ':warning: That request is gone; nothing was posted.';
const EMPTY = ':warning: The reply is empty; nothing was posted.';

/**
 * A person's **Send** (or the edit modal's submission): an agent's first send posts the text in
 * the customer's thread under their name and stores it as their reply, the same way a canned
 * response is; any later one (a double click, Send after Edit) posts nothing. A non-agent is
 * refused and nothing is written.
 */
export async function sendDraft(
  deps: BotDeps,
  slack: SlackGateway,
  input: DraftSend,
): Promise<{ ok: boolean; text: string; posted?: string }> {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  if (!request || request.teamId !== input.teamId) return { ok: false, text: GONE };
  const text = (input.text ?? request.aiDraft?.text ?? '').trim();
  if (!text) return { ok: false, text: EMPTY };
  const allowed = await agentContext(deps, slack, request, input);
  if (!allowed.ok) return allowed;
  const key = sentKey(input.requestId);
  if (!(await claimOnce(deps.models.claims, key, deps.clock.now()))) {
    return { ok: false, text: ALREADY };
  }
  try {
    await postForAgent(deps, slack, allowed.ctx, request, input.userId, text);
  } catch (error) {
    await releaseClaim(deps.models.claims, key);
    throw error;
  }
  return { ok: true, text: SENT, posted: text };
}

/** A request's kept draft, for the edit modal; undefined when there is none (or not this team's). */
export async function keptDraft(
  deps: BotDeps,
  input: { teamId: string; requestId: string },
): Promise<string | undefined> {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  return request?.teamId === input.teamId ? (request.aiDraft?.text ?? undefined) : undefined;
}
