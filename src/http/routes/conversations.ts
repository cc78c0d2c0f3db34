import { assignToTeam } from '../../services/teams/assign.js';
import { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { setAttributes } from '../../services/custom-fields/api.js';
import { assign, setLabels, togglePriority, toggleStatus } from '../../services/desk/changes.js';
import {
  conversationsOf,
  getConversation,
  listConversations,
  requestOf,
} from '../../services/desk/conversations.js';
import { listMessages, postMessage } from '../../services/desk/messages.js';
import { changedBy, teamOf, tokenOf } from '../auth.js';
import {
  AssignmentWrite,
  ConversationListQuery,
  LabelsWrite,
  MessageListQuery,
  MessageWrite,
  TogglePriorityWrite,
  ToggleStatusWrite,
  type AssigneeResponse,
  type Conversation,
  type ConversationList,
  type ConversationMessage,
  type MessageList,
  type LabelsResponse,
  type ToggleStatusResponse,
} from '../conversation-schemas.js';
import { parseInput } from '../parse.js';
import {
  ConversationAttributesWrite,
  ConversationIdParams,
  type ConversationAttributesResponse,
} from '../schemas.js';

/**
 * Conversations (requests) in seed 003's shapes: list, read, their messages (read, post a reply
 * or a private note), and the changes an agent makes on the card (status, priority, assignee,
 * labels, custom attributes), with the same effects. An agent's token may use all of them.
 */
export function conversationRoutes(deps: BotDeps): Router {
  const router = Router();
  type Locals = { locals: Record<string, unknown> };
  const caller = (res: Locals) => ({ teamId: teamOf(res), userId: tokenOf(res).createdBy });
  const change = (id: string, res: Locals) => ({ ...caller(res), id, by: changedBy(res) });
  const idOf = (params: unknown) => parseInput(ConversationIdParams, params, 'path').id;

  router.get('/conversations', async (req, res) => {
    const query = parseInput(ConversationListQuery, req.query, 'query');
    res.json((await listConversations(deps, caller(res), query)) satisfies ConversationList);
  });
  router.get('/conversations/:id', async (req, res) => {
    res.json((await getConversation(deps, caller(res), idOf(req.params))) satisfies Conversation);
  });
  router.get('/conversations/:id/messages', async (req, res) => {
    const id = idOf(req.params);
    const { before } = parseInput(MessageListQuery, req.query, 'query');
    res.json((await listMessages(deps, caller(res), id, before)) satisfies MessageList);
  });
  router.post('/conversations/:id/messages', async (req, res) => {
    const id = idOf(req.params);
    const body = parseInput(MessageWrite, req.body, 'body');
    const message = await postMessage(deps, change(id, res), body);
    res.json(message satisfies ConversationMessage);
  });
  router.post('/conversations/:id/toggle_status', async (req, res) => {
    const id = idOf(req.params);
    const { status } = parseInput(ToggleStatusWrite, req.body, 'body');
    const current = await toggleStatus(deps, change(id, res), status);
    res.json({
      meta: {},
      payload: { success: true, current_status: current, conversation_id: id },
    } satisfies ToggleStatusResponse);
  });
  router.post('/conversations/:id/toggle_priority', async (req, res) => {
    const id = idOf(req.params);
    const { priority } = parseInput(TogglePriorityWrite, req.body, 'body');
    const after = await togglePriority(deps, change(id, res), priority);
    const [conversation] = await conversationsOf(deps, teamOf(res), [after]);
    res.json(conversation satisfies Conversation | undefined);
  });
  router.post('/conversations/:id/assignments', async (req, res) => {
    const id = idOf(req.params);
    const body = parseInput(AssignmentWrite, req.body, 'body');
    const assigned = body.team_id
      ? await assignToTeam(deps, change(id, res), body.team_id)
      : await assign(deps, change(id, res), body.assignee_id as string);
    res.json(assigned satisfies AssigneeResponse);
  });
  router.get('/conversations/:id/labels', async (req, res) => {
    const request = await requestOf(deps, teamOf(res), idOf(req.params));
    res.json({ payload: request.tags } satisfies LabelsResponse);
  });
  router.post('/conversations/:id/labels', async (req, res) => {
    const id = idOf(req.params);
    const { labels } = parseInput(LabelsWrite, req.body, 'body');
    res.json({ payload: await setLabels(deps, change(id, res), labels) } satisfies LabelsResponse);
  });
  router.post('/conversations/:id/custom_attributes', async (req, res) => {
    const id = idOf(req.params);
    const body = parseInput(ConversationAttributesWrite, req.body, 'body');
    const values = await setAttributes(deps, {
      teamId: teamOf(res),
      requestId: id,
      attributes: body.custom_attributes,
      by: changedBy(res),
    });
    res.json({ custom_attributes: values } satisfies ConversationAttributesResponse);
  });
  return router;
}
