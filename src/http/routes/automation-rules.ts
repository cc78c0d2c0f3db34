import { Router } from 'express';
import type { AutomationRuleDoc, AutomationRunDoc } from '../../db/models/index.js';
import { AutomationRuleStore } from '../../db/repositories/automation-rules.js';
import type { BotDeps } from '../../deps.js';
import { MAX_RULES } from '../../desk/automation.js';
import { validationError } from '../../errors.js';
import { checkActionUrls } from '../../services/rules/urls.js';
import { teamOf } from '../auth.js';
import {
  AutomationRuleCreate,
  AutomationRuleIdParams,
  AutomationRuleUpdate,
  type AutomationRuleResponse,
  type AutomationRunResponse,
} from '../automation-schemas.js';
import { parseInput } from '../parse.js';

export const AUTOMATION_RULES_PATH = '/automation_rules';
const PATH = AUTOMATION_RULES_PATH;

/** A workspace's automation rules and their runs (seed 003's, without `/accounts/{id}`). */
export function automationRuleRoutes(deps: Pick<BotDeps, 'models' | 'env'>): Router {
  const router = Router();
  const store = new AutomationRuleStore(deps.models);
  const idOf = (params: unknown) => parseInput(AutomationRuleIdParams, params, 'path').id;

  router.get(PATH, async (_req, res) => {
    res.json((await store.list(teamOf(res))).map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(AutomationRuleCreate, req.body, 'body');
    await checkActionUrls(deps, input.actions);
    if ((await store.count(teamOf(res))) >= MAX_RULES) {
      throw validationError([
        {
          loc: ['body'],
          msg: `a workspace has at most ${MAX_RULES} automation rules; delete one first`,
          type: 'value_error.limit',
        },
      ]);
    }
    res.status(201).json(render(await store.create(teamOf(res), input)));
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    res.json(render(await store.get(teamOf(res), idOf(req.params))));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const id = idOf(req.params);
      const update = parseInput(AutomationRuleUpdate, req.body, 'body');
      await checkActionUrls(deps, update.actions);
      res.json(render(await store.update(teamOf(res), id, update)));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    await store.remove(teamOf(res), idOf(req.params));
    res.status(204).end();
  });
  router.get(`${PATH}/:id/runs`, async (req, res) => {
    const rule = await store.get(teamOf(res), idOf(req.params));
    res.json((await store.runs(rule.teamId, String(rule._id))).map(renderRun));
  });
  return router;
}

function render(rule: AutomationRuleDoc): AutomationRuleResponse {
  return {
    id: String(rule._id),
    name: rule.name,
    description: rule.description,
    event_name: rule.event,
    active: rule.active,
    conditions: rule.conditions as AutomationRuleResponse['conditions'],
    actions: rule.actions as AutomationRuleResponse['actions'],
    account_id: rule.teamId,
    created_at: rule.createdAt.toISOString(),
    updated_at: rule.updatedAt.toISOString(),
  };
}

function renderRun(run: AutomationRunDoc): AutomationRunResponse {
  return {
    id: String(run._id),
    rule_id: run.ruleId,
    conversation_id: run.requestId,
    event_name: run.event,
    actions: run.actions,
    result: run.result,
    at: run.at.toISOString(),
  };
}
