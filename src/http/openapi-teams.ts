import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AgentIdParams,
  AgentResponse,
  AgentUpdate,
  TeamCreate,
  TeamIdParams,
  TeamMembersWrite,
  TeamResponse,
  TeamUpdate,
} from './team-schemas.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: z.ZodType) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** The teams, team members and agents paths of the OpenAPI document (`openapi.ts`). */
export function registerTeamPaths(
  registry: OpenAPIRegistry,
  security: Record<string, string[]>[],
  errorResponses: Record<string, ReturnType<typeof json>>,
): void {
  const teams = '/api/v1/teams';
  const one = `${teams}/{id}`;
  const members = `${one}/team_members`;
  const agents = z.array(AgentResponse);
  registry.registerPath({
    method: 'get',
    path: teams,
    security,
    responses: { 200: json(z.array(TeamResponse), 'Teams of the workspace'), ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: teams,
    security,
    request: body(TeamCreate),
    responses: { 201: json(TeamResponse, 'The new team'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: one,
    security,
    request: { params: TeamIdParams },
    responses: { 200: json(TeamResponse, 'The team'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: one,
      security,
      request: { params: TeamIdParams, ...body(TeamUpdate) },
      responses: { 200: json(TeamResponse, 'The team after the change'), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: one,
    security,
    request: { params: TeamIdParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: members,
    security,
    request: { params: TeamIdParams },
    responses: { 200: json(agents, 'The members (agents)'), ...errorResponses },
  });
  for (const [method, what] of [
    ['post', 'adds agents'],
    ['patch', 'replaces the members'],
    ['delete', 'removes members'],
  ] as const) {
    registry.registerPath({
      method,
      path: members,
      security,
      description: `Each user must be an agent; ${what}`,
      request: { params: TeamIdParams, ...body(TeamMembersWrite) },
      responses: { 200: json(agents, 'The members after the change'), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/v1/agents',
    security,
    responses: { 200: json(agents, 'The workspace’s agents'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: '/api/v1/agents/{id}',
      security,
      description: 'Gives a member of the support side (a Slack user id) a role and availability',
      request: { params: AgentIdParams, ...body(AgentUpdate) },
      responses: { 200: json(AgentResponse, 'The agent after the change'), ...errorResponses },
    });
  }
}
