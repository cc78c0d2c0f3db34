import type { RequestDoc } from '../../db/models/index.js';
import { CannedResponseStore } from '../../db/repositories/canned-responses.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { CANNED_BLOCK, cannedModal, cannedNoticeModal } from '../../views/canned.js';
import { requestOfMessage } from '../requests/message-request.js';
import { agentContext, codeList, filled, postCanned, type CannedAgent } from './canned-reply.js';

/** The "Insert canned response" shortcut on a message, as Slack sends it. */
export interface CannedShortcut extends CannedAgent {
  teamId: string;
  channelId: string;
  /** The message the shortcut was used on (a request's root or a reply in its thread). */
  ts: string;
  triggerId: string;
}

const NO_REQUEST =
  ':warning: That message belongs to no request the bot tracks. Use the shortcut on the customer’s message or a reply in its thread.';

/**
 * Opens the modal for a message shortcut: the workspace's responses to pick from for the
 * message's request, or a modal saying why there is nothing to pick (the message is no
 * request's, the person is not an agent, the workspace has no responses). Writes nothing.
 */
export async function openCannedPicker(
  deps: BotDeps,
  slack: SlackGateway,
  input: CannedShortcut,
): Promise<void> {
  const view = await pickerView(deps, slack, input);
  await slack.openView(
    { trigger_id: input.triggerId, view },
    { bestEffort: { step: 'canned_modal', user: input.userId } },
  );
}

async function pickerView(deps: BotDeps, slack: SlackGateway, input: CannedShortcut) {
  const found = await requestOfMessage(deps, slack, input.teamId, input.channelId, input.ts);
  if (!found) return cannedNoticeModal(NO_REQUEST);
  const allowed = await agentContext(deps, slack, found.request, input);
  if (!allowed.ok) return cannedNoticeModal(allowed.text);
  const responses = await new CannedResponseStore(deps.models).list(input.teamId);
  if (responses.length === 0) return cannedNoticeModal(codeList([]));
  return cannedModal({ requestId: String(found.request._id) }, responses);
}

/** A pick in the modal's menu: the modal shows the response as it will be posted. */
export async function previewCanned(
  deps: BotDeps,
  slack: SlackGateway,
  input: {
    teamId: string;
    userId: string;
    requestId: string;
    shortCode: string;
    viewId: string;
    hash?: string;
  },
): Promise<void> {
  const request = await requestOfTeam(deps, input.teamId, input.requestId);
  const store = new CannedResponseStore(deps.models);
  const response = await store.byShortCode(input.teamId, input.shortCode);
  if (!request || !response) return;
  const step = { step: 'canned_preview', requestId: input.requestId };
  const agent = await slack.identity(input.userId, step);
  const preview = await filled(slack, request, agent.username, response);
  const view = cannedModal({ requestId: input.requestId }, await store.list(input.teamId), {
    shortCode: response.shortCode,
    preview,
  });
  await slack.updateView(
    { view_id: input.viewId, ...(input.hash ? { hash: input.hash } : {}), view },
    { expect: ['hash_conflict'], bestEffort: step },
  );
}

/**
 * The modal's submission: posts the picked response into the request's thread (`postCanned`);
 * a refusal is the error to show under the menu, and nothing is posted.
 */
export async function submitCanned(
  deps: BotDeps,
  slack: SlackGateway,
  input: CannedAgent & { teamId: string; requestId: string; shortCode: string | undefined },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const refuse = (text: string) => ({ ok: false as const, errors: { [CANNED_BLOCK]: text } });
  if (!input.shortCode) return refuse('Pick a canned response.');
  const request = await requestOfTeam(deps, input.teamId, input.requestId);
  if (!request) return refuse('That request no longer exists; nothing was posted.');
  const outcome = await postCanned(deps, slack, request, input, input.shortCode);
  return outcome.ok ? { ok: true } : refuse(plainText(outcome.text));
}

async function requestOfTeam(
  deps: BotDeps,
  teamId: string,
  id: string,
): Promise<RequestDoc | undefined> {
  const request = await new RequestStore(deps.models).byKey(id);
  return request && request.teamId === teamId ? request : undefined;
}

/** A reply's sentence as a modal's error shows it (plain text: no emoji codes or backticks). */
function plainText(text: string): string {
  return text.replace(/^:[a-z_]+: /, '').replace(/`/g, '');
}
