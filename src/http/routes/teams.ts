import { Router } from 'express';
import type { AgentDoc, DeskTeamDoc, Models } from '../../db/models/index.js';
import { AgentStore } from '../../db/repositories/agents.js';
import { DeskTeamStore } from '../../db/repositories/desk-teams.js';
import { validationError } from '../../errors.js';
import { tokenOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  TeamCreate,
  TeamIdParams,
  TeamMembersWrite,
  TeamUpdate,
  type AgentResponse,
  type TeamResponse,
} from '../team-schemas.js';

const PATH = '/teams';

/** Seed 003's teams and team members (without the `/accounts/{account_id}` prefix). */
export function teamRoutes(models: Models): Router {
  const router = Router();
  const teams = new DeskTeamStore(models);
  const agents = new AgentStore(models);
  const teamOfToken = (res: Parameters<typeof tokenOf>[0]) => tokenOf(res).teamId;

  router.get(PATH, async (_req, res) => {
    const token = tokenOf(res);
    res.json((await teams.list(token.teamId)).map((team) => renderTeam(team, token.createdBy)));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(TeamCreate, req.body, 'body');
    const token = tokenOf(res);
    res.status(201).json(renderTeam(await teams.create(token.teamId, input), token.createdBy));
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(TeamIdParams, req.params, 'path');
    const token = tokenOf(res);
    res.json(renderTeam(await teams.get(token.teamId, id), token.createdBy));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const { id } = parseInput(TeamIdParams, req.params, 'path');
      await teams.get(teamOfToken(res), id);
      const update = parseInput(TeamUpdate, req.body, 'body');
      const token = tokenOf(res);
      res.json(renderTeam(await teams.update(token.teamId, id, update), token.createdBy));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    const { id } = parseInput(TeamIdParams, req.params, 'path');
    await teams.remove(teamOfToken(res), id);
    res.status(204).end();
  });

  const members = async (teamId: string, team: DeskTeamDoc) =>
    (await agents.byIds(teamId, team.memberIds)).map(renderAgent);
  router.get(`${PATH}/:id/team_members`, async (req, res) => {
    const { id } = parseInput(TeamIdParams, req.params, 'path');
    const teamId = teamOfToken(res);
    res.json(await members(teamId, await teams.get(teamId, id)));
  });
  const writes = { post: 'add', patch: 'set', delete: 'remove' } as const;
  for (const [method, how] of Object.entries(writes) as [
    keyof typeof writes,
    'add' | 'set' | 'remove',
  ][]) {
    router[method](`${PATH}/:id/team_members`, async (req, res) => {
      const { id } = parseInput(TeamIdParams, req.params, 'path');
      const teamId = teamOfToken(res);
      await teams.get(teamId, id);
      const { user_ids: userIds } = parseInput(TeamMembersWrite, req.body, 'body');
      if (how !== 'remove') await onlyAgents(agents, teamId, userIds);
      res.json(await members(teamId, await teams.members(teamId, id, how, userIds)));
    });
  }
  return router;
}

/** A team's members must be agents (people with a role record): 422 naming those who are not. */
async function onlyAgents(agents: AgentStore, teamId: string, userIds: string[]): Promise<void> {
  const known = new Set((await agents.byIds(teamId, userIds)).map((agent) => agent.userId));
  const strangers = userIds.flatMap((userId, index) =>
    known.has(userId) ? [] : [{ userId, index }],
  );
  if (strangers.length === 0) return;
  throw validationError(
    strangers.map(({ userId, index }) => ({
      loc: ['body', 'user_ids', index],
      msg: `${userId} is not an agent of this workspace (give them a role: PATCH /api/v1/agents/${userId})`,
      type: 'value_error',
    })),
  );
}

function renderTeam(team: DeskTeamDoc, viewer: string): TeamResponse {
  return {
    id: String(team._id),
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: team.teamId,
    is_member: team.memberIds.includes(viewer),
    member_ids: team.memberIds,
  };
}

export function renderAgent(agent: AgentDoc): AgentResponse {
  return {
    id: agent.userId,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    availability_status: agent.availability,
    account_id: agent.teamId,
  };
}
