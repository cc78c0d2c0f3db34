import { Router } from 'express';
import type { CannedResponseDoc, Models } from '../../db/models/index.js';
import { CannedResponseStore } from '../../db/repositories/canned-responses.js';
import { teamOf, tokenOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  CannedResponseCreate,
  CannedResponseIdParams,
  CannedResponseQuery,
  CannedResponseUpdate,
  type CannedResponseResponse,
} from '../schemas.js';

const PATH = '/canned_responses';

/** A workspace's canned responses (Chatwoot's, without the `/accounts/{account_id}` prefix). */
export function cannedResponseRoutes(models: Models): Router {
  const router = Router();
  const store = new CannedResponseStore(models);

  router.get(PATH, async (req, res) => {
    const { search } = parseInput(CannedResponseQuery, req.query, 'query');
    res.json((await store.list(teamOf(res), search)).map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(CannedResponseCreate, req.body, 'body');
    res.status(201).json(render(await store.create(teamOf(res), tokenOf(res).createdBy, input)));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const { id } = parseInput(CannedResponseIdParams, req.params, 'path');
      const update = parseInput(CannedResponseUpdate, req.body, 'body');
      res.json(render(await store.update(teamOf(res), id, update)));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(CannedResponseIdParams, req.params, 'path');
    await store.remove(teamOf(res), id);
    res.status(204).end();
  });
  return router;
}

function render(response: CannedResponseDoc): CannedResponseResponse {
  return {
    id: String(response._id),
    short_code: response.shortCode,
    content: response.content,
    created_by: response.createdBy,
    created_at: response.createdAt.toISOString(),
    updated_at: response.updatedAt.toISOString(),
  };
}
