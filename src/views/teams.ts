import type { AgentDoc, DeskTeamDoc } from '../db/models/index.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

const DOT = { online: ':large_green_circle:', busy: ':red_circle:', offline: ':white_circle:' };

/** `/triage team`'s answer: each team and its members, each with their availability. */
export function teamsText(teams: readonly DeskTeamDoc[], agents: readonly AgentDoc[]): string {
  if (teams.length === 0) {
    return 'This workspace has no teams yet. An admin creates one with `/triage team create <name>`.';
  }
  const byId = new Map(agents.map((agent) => [agent.userId, agent]));
  const lines = teams.map((team) => {
    const members = team.memberIds.map((id) => {
      const availability = byId.get(id)?.availability ?? 'offline';
      return `${DOT[availability]} <@${id}> (${availability})`;
    });
    return `*${escapeMrkdwn(team.name)}*: ${members.join(', ') || 'no members yet'}`;
  });
  return ['*Teams*', ...lines].join('\n');
}
