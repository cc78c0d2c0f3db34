import { tokenRole } from '../../commands/token.js';
import type { AgentDoc } from '../../db/models/index.js';
import { AgentStore } from '../../db/repositories/agents.js';
import type { BotDeps } from '../../deps.js';
import type { AgentRole, Availability } from '../../desk/teams.js';
import { AppError } from '../../errors.js';
import type { SlackGateway } from '../../slack/gateway.js';

interface Profile {
  name: string;
  email: string | null;
}

/**
 * What Slack says of a person of the workspace's support side (`tokenRole`: a full member, not a
 * guest, a bot or a customer, and of this workspace: an admin of another one passes
 * `tokenRole`); undefined for anyone else.
 */
export async function supportMember(
  slack: SlackGateway,
  teamId: string,
  userId: string,
): Promise<Profile | undefined> {
  const found = /^[UW][A-Z0-9]{2,}$/.test(userId)
    ? (await slack.user(userId, { expect: ['user_not_found'] }))?.user
    : undefined;
  if (!tokenRole(found, teamId) || found?.team_id !== teamId) return undefined;
  const profile = found?.profile;
  return {
    name: profile?.display_name || profile?.real_name || found?.real_name || found?.name || '',
    email: profile?.email ?? null,
  };
}

/**
 * Gives a person of the support side an agent record, or changes it; the name and e-mail come
 * from Slack. Anyone else is `agent_not_found`, and nothing is written.
 */
export async function setAgent(
  deps: Pick<BotDeps, 'models'>,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  change: { role?: AgentRole; availability?: Availability },
): Promise<AgentDoc> {
  const profile = await supportMember(slack, teamId, userId);
  if (!profile) {
    throw new AppError(
      'agent_not_found',
      `${userId} is not a member of this workspace's support side`,
    );
  }
  return new AgentStore(deps.models).upsert(teamId, userId, change, profile);
}
