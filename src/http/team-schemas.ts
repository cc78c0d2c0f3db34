import { z } from 'zod';
import { AgentRole, Availability } from '../desk/teams.js';

/** Teams and agents (seed 003), the token's workspace standing for its account. */
export { AgentUpdate, TeamCreate, TeamMembersWrite, TeamUpdate } from '../desk/teams.js';

export const TeamIdParams = z.object({ id: z.string() });
export const AgentIdParams = z.object({ id: z.string() });

export const TeamResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    allow_auto_assign: z.boolean(),
    account_id: z.string().describe('The Slack workspace id'),
    is_member: z.boolean().describe("Whether the token's creator is a member"),
    member_ids: z.array(z.string()).describe('Slack user ids of its members'),
  })
  .meta({ id: 'Team' });
export type TeamResponse = z.infer<typeof TeamResponse>;

export const AgentResponse = z
  .object({
    id: z.string().describe('The Slack user id'),
    name: z.string(),
    email: z.string().nullable(),
    role: AgentRole,
    availability_status: Availability,
    account_id: z.string().describe('The Slack workspace id'),
  })
  .meta({ id: 'Agent' });
export type AgentResponse = z.infer<typeof AgentResponse>;
