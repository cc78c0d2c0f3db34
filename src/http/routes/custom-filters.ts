import { Router } from 'express';
import type { CustomFilterDoc } from '../../db/models/index.js';
import { CustomFilterStore } from '../../db/repositories/custom-filters.js';
import type { BotDeps } from '../../deps.js';
import { MAX_FILTERS } from '../../desk/filters.js';
import { validationError } from '../../errors.js';
import { filterConversations } from '../../services/desk/filters.js';
import { teamOf, tokenOf } from '../auth.js';
import type { ConversationList } from '../conversation-schemas.js';
import {
  ConversationFilterQuery,
  ConversationFilterWrite,
  CustomFilterCreate,
  CustomFilterIdParams,
  CustomFilterListQuery,
  CustomFilterUpdate,
  type CustomFilterResponse,
} from '../filter-schemas.js';
import { parseInput } from '../parse.js';

const PATH = '/custom_filters';

/**
 * The caller's saved conversation filters (seed 003's custom filters, without
 * `/accounts/{id}`), and running conditions over the workspace's conversations. Any token may
 * use them: a filter is its creator's own, and another's id answers 404.
 */
export function customFilterRoutes(deps: Pick<BotDeps, 'models' | 'settings'>): Router {
  const router = Router();
  const store = new CustomFilterStore(deps.models);
  type Locals = { locals: Record<string, unknown> };
  const owner = (res: Locals) => ({ teamId: teamOf(res), userId: tokenOf(res).createdBy });
  const idOf = (params: unknown) => parseInput(CustomFilterIdParams, params, 'path').id;

  router.get(PATH, async (req, res) => {
    const { filter_type } = parseInput(CustomFilterListQuery, req.query, 'query');
    const filters =
      filter_type && filter_type !== 'conversation' ? [] : await store.list(owner(res));
    res.json(filters.map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(CustomFilterCreate, req.body, 'body');
    if ((await store.count(owner(res))) >= MAX_FILTERS) {
      throw validationError([
        {
          loc: ['body'],
          msg: `an agent keeps at most ${MAX_FILTERS} filters; delete one first`,
          type: 'value_error.limit',
        },
      ]);
    }
    res.status(201).json(render(await store.create(owner(res), input)));
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    res.json(render(await store.get(owner(res), idOf(req.params))));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const id = idOf(req.params);
      const update = parseInput(CustomFilterUpdate, req.body, 'body');
      res.json(render(await store.update(owner(res), id, update)));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    await store.remove(owner(res), idOf(req.params));
    res.status(204).end();
  });
  router.post('/conversations/filter', async (req, res) => {
    const { page } = parseInput(ConversationFilterQuery, req.query, 'query');
    const { payload } = parseInput(ConversationFilterWrite, req.body, 'body');
    const list = await filterConversations(deps, owner(res), payload, page);
    res.json(list satisfies ConversationList);
  });
  return router;
}

function render(filter: CustomFilterDoc): CustomFilterResponse {
  return {
    id: String(filter._id),
    name: filter.name,
    filter_type: filter.filterType,
    query: { payload: filter.conditions as CustomFilterResponse['query']['payload'] },
    created_at: filter.createdAt.toISOString(),
    updated_at: filter.updatedAt.toISOString(),
  };
}
