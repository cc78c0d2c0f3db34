import { AgentStore } from '../../db/repositories/agents.js';
import { DeskTeamStore } from '../../db/repositories/desk-teams.js';
import type { BotDeps } from '../../deps.js';
import { pickAssignee, type RoutingMode } from '../../desk/teams.js';
import { initialAssignee } from '../../requests/assignment.js';
import type { ChannelContext } from '../requests/channel-context.js';

/** What routing to a team needs: which team, how, and the per-agent capacity. */
export interface Routing {
  mode: RoutingMode;
  deskTeamId: string;
  capacity: number | null;
}

/**
 * The member of a desk team a new request goes to (`pickAssignee`), or null when none may take
 * it (nobody online or under capacity, an unknown team, or a team without auto-assignment).
 * Takes the team's next ticket first: one atomic `$inc`, so requests arriving together on any
 * number of instances take different slots.
 */
export async function routedAssignee(
  deps: Pick<BotDeps, 'models'>,
  teamId: string,
  routing: Routing,
): Promise<string | null> {
  const team = await new DeskTeamStore(deps.models).nextTicket(teamId, routing.deskTeamId);
  if (!team || !team.allowAutoAssign || team.memberIds.length === 0) return null;
  const agents = new AgentStore(deps.models);
  const records = await agents.byIds(teamId, team.memberIds);
  const open = await agents.openCounts(teamId, team.memberIds);
  return pickAssignee({
    mode: routing.mode,
    // The ticket before this request's increment: the first request takes slot 0.
    ticket: team.rotation - 1,
    capacity: routing.capacity,
    members: records.map((agent) => ({
      userId: agent.userId,
      availability: agent.availability,
      open: open.get(agent.userId) ?? 0,
    })),
  });
}

/**
 * Who a new request of the channel starts assigned to: the next agent of its team routing, else
 * the channel's CSM when `auto_assign_to_csm` says so, else nobody.
 */
export function openingAssignee(
  deps: Pick<BotDeps, 'models'>,
  ctx: ChannelContext,
  teamId: string,
): Promise<string | null> {
  const { routing, csmUserId } = ctx.channel;
  if (routing) return routedAssignee(deps, teamId, routing);
  return Promise.resolve(initialAssignee(ctx.features.requests.config, csmUserId));
}
