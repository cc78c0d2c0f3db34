import { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { setAttributes } from '../../services/custom-fields/api.js';
import { changedBy, teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  ConversationAttributesWrite,
  ConversationIdParams,
  type ConversationAttributesResponse,
} from '../schemas.js';

/** Conversations (requests) in Chatwoot's shape: so far, setting their custom attributes. */
export function conversationRoutes(
  deps: Pick<BotDeps, 'models' | 'settings' | 'clock' | 'slack'>,
): Router {
  const router = Router();
  router.post('/conversations/:id/custom_attributes', async (req, res) => {
    const { id } = parseInput(ConversationIdParams, req.params, 'path');
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
