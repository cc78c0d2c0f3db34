import { Router } from 'express';
import { AgentStore } from '../../db/repositories/agents.js';
import type { BotDeps } from '../../deps.js';
import { setAgent } from '../../services/teams/agents.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import { AgentIdParams, AgentUpdate } from '../team-schemas.js';
import { renderAgent } from './teams.js';

/**
 * Seed 003's agents: the workspace's people with a role record. `PATCH /agents/{id}` (a Slack
 * user id) gives a member of the support side a role and availability, or changes them.
 */
export function agentRoutes(deps: BotDeps): Router {
  const router = Router();
  router.get('/agents', async (_req, res) => {
    res.json((await new AgentStore(deps.models).list(teamOf(res))).map(renderAgent));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method]('/agents/:id', async (req, res) => {
      const { id } = parseInput(AgentIdParams, req.params, 'path');
      const body = parseInput(AgentUpdate, req.body, 'body');
      const teamId = teamOf(res);
      const availability = body.availability ?? body.availability_status;
      const agent = await setAgent(deps, await deps.slack(teamId), teamId, id, {
        ...(body.role ? { role: body.role } : {}),
        ...(availability ? { availability } : {}),
      });
      res.json(renderAgent(agent));
    });
  }
  return router;
}
