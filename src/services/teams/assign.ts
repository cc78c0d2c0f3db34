import { DeskTeamStore } from '../../db/repositories/desk-teams.js';
import type { BotDeps } from '../../deps.js';
import { validationError } from '../../errors.js';
import { assign, type ApiChange } from '../desk/changes.js';
import { requestOf } from '../desk/conversations.js';
import { channelContext } from '../requests/context.js';
import { routedAssignee } from './routing.js';

const invalid = (msg: string) =>
  validationError([{ loc: ['body', 'team_id'], msg, type: 'value_error' }]);

/**
 * `assignments` with a `team_id`: the request goes to the team's next member, as a new request
 * of a channel routed to that team would (its mode and capacity; round robin when the channel
 * routes elsewhere or nowhere), then through the same assignment as an agent's. A team of
 * another workspace, or one without anybody online (under capacity), is a 422 and nothing
 * changes; the team itself is not stored on the request.
 */
export async function assignToTeam(
  deps: BotDeps,
  change: ApiChange,
  deskTeamId: string,
): Promise<{ id: string; name: string | null }> {
  const request = await requestOf(deps, change.teamId, change.id);
  if (!(await new DeskTeamStore(deps.models).exists(change.teamId, deskTeamId))) {
    throw invalid(`unknown team ${deskTeamId}`);
  }
  const slack = await deps.slack(change.teamId);
  const routing = (await channelContext(deps, slack, request.teamId, request.channelId))?.channel
    .routing;
  const own = routing?.deskTeamId === deskTeamId ? routing : undefined;
  const picked = await routedAssignee(deps, change.teamId, {
    mode: own?.mode ?? 'round_robin',
    deskTeamId,
    capacity: own?.capacity ?? null,
  });
  if (!picked)
    throw invalid(
      "nobody of this team may take it: no member is online and under capacity, or the team's allow_auto_assign is off",
    );
  return assign(deps, change, picked);
}
