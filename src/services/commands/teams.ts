import { escapeMrkdwn } from '../../text/mrkdwn.js';
import type { Availability } from '../../desk/teams.js';
import { AgentStore } from '../../db/repositories/agents.js';
import { DeskTeamStore } from '../../db/repositories/desk-teams.js';
import { teamsText } from '../../views/teams.js';
import type { Reply } from '../../views/command-reply.js';
import { setAgent, supportMember } from '../teams/agents.js';
import type { CommandContext } from './context.js';

const NOT_AGENT =
  ':no_entry: Availability is for the support team: workspace members who are not guests. Nothing was changed.';

/** `/triage away` and `/triage back`: the asker's own availability (offline / online). */
export async function setOwnAvailability(
  ctx: CommandContext,
  availability: Availability,
): Promise<Reply> {
  if (!(await supportMember(ctx.slack, ctx.teamId, ctx.userId))) return { text: NOT_AGENT };
  await setAgent(ctx.deps, ctx.slack, ctx.teamId, ctx.userId, { availability });
  return {
    text:
      availability === 'online'
        ? ':large_green_circle: You are *online*: your teams give you new requests again.'
        : ':white_circle: You are *offline*: your teams pass you over for new requests until `/triage back`.',
  };
}

/** `/triage team`: every team with its members and their availability. */
export async function listTeams(ctx: CommandContext): Promise<Reply> {
  const teams = await new DeskTeamStore(ctx.deps.models).list(ctx.teamId);
  const agents = await new AgentStore(ctx.deps.models).list(ctx.teamId);
  return { text: teamsText(teams, agents) };
}

export async function createTeam(ctx: CommandContext, name: string): Promise<Reply> {
  const team = await new DeskTeamStore(ctx.deps.models).create(ctx.teamId, { name });
  return {
    text: `:white_check_mark: Created the team *${escapeMrkdwn(team.name)}*. Add people with \`/triage team add ${team.name} @person\`.`,
  };
}

/**
 * `/triage team add|remove <name> @people`: adding makes each person an agent (keeping a role
 * they have); someone who is not of the support side refuses the whole command.
 */
export async function changeMembers(
  ctx: CommandContext,
  how: 'add' | 'remove',
  name: string,
  users: string[],
): Promise<Reply> {
  const store = new DeskTeamStore(ctx.deps.models);
  const team = await store.byName(ctx.teamId, name);
  if (!team)
    return {
      text: `:warning: There is no team called "${escapeMrkdwn(name)}"; \`/triage team\` lists them. Nothing was changed.`,
    };
  if (how === 'add') {
    const profiles = await Promise.all(users.map((u) => supportMember(ctx.slack, ctx.teamId, u)));
    const strangers = users.filter((_, index) => !profiles[index]);
    if (strangers.length > 0) {
      const who = strangers.map((u) => `<@${u}>`).join(', ');
      return {
        text: `:no_entry: ${who} cannot join a team: only workspace members who are not guests can. Nothing was changed.`,
      };
    }
    for (const user of users) await setAgent(ctx.deps, ctx.slack, ctx.teamId, user, {});
  }
  const after = await store.members(ctx.teamId, String(team._id), how, users);
  const members = after.memberIds.map((u) => `<@${u}>`).join(', ') || 'nobody';
  return { text: `:white_check_mark: *${escapeMrkdwn(after.name)}* now has ${members}.` };
}
