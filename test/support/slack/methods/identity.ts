import { SlackApiError, str } from '../params.js';
import { renderTeam, renderUser } from '../render.js';
import type { MethodTable } from './types.js';

export const identityMethods: MethodTable = {
  'auth.test': (state) => {
    const team = state.teams.get(state.teamId);
    return {
      url: `https://${team?.domain ?? 'sim'}.slack.com/`,
      team: team?.name ?? state.teamId,
      user: state.users.get(state.botUserId)?.name ?? 'bot',
      team_id: state.teamId,
      user_id: state.botUserId,
      bot_id: state.opts.botId,
      is_enterprise_install: false,
    };
  },

  'users.info': (state, params) => {
    const user = state.users.get(str(params, 'user') ?? '');
    if (user === undefined) throw new SlackApiError('user_not_found');
    return { user: renderUser(user) };
  },

  // Only the workspace's own people (not other organisations' Slack Connect members).
  'users.lookupByEmail': (state, params) => {
    const email = (str(params, 'email') ?? '').toLowerCase();
    if (!email) throw new SlackApiError('invalid_arguments');
    const user = [...state.users.values()].find(
      (u) => u.team_id === state.teamId && u.profile.email?.toLowerCase() === email,
    );
    if (user === undefined) throw new SlackApiError('users_not_found');
    return { user: renderUser(user) };
  },

  'team.info': (state, params) => {
    const team = state.teams.get(str(params, 'team') ?? state.teamId);
    if (team === undefined) throw new SlackApiError('team_not_found');
    return { team: renderTeam(team) };
  },
};
