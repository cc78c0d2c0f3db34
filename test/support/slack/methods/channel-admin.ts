import { SlackApiError, bool, str } from '../params.js';
import { renderChannel } from '../render.js';
import type { MethodTable } from './types.js';

/** Slack's rules for a new channel's name (conversations.create: "Naming"). */
function checkName(name: string | undefined): string {
  if (name === undefined) throw new SlackApiError('invalid_name_required');
  if (name.length > 80) throw new SlackApiError('invalid_name_maxlength');
  if (/[^a-z0-9_-]/.test(name)) throw new SlackApiError('invalid_name_specials');
  if (!/[a-z0-9]/.test(name)) throw new SlackApiError('invalid_name_punctuation');
  return name;
}

/** `conversations.create`, `conversations.rename` and `conversations.invite`, as a bot token calls them. */
export const channelAdminMethods: MethodTable = {
  'conversations.create': (state, params) => {
    const name = checkName(str(params, 'name'));
    // Names are unique across every channel, archived and private ones the bot cannot see too.
    if ([...state.channels.values()].some((c) => !c.is_im && c.name === name)) {
      throw new SlackApiError('name_taken');
    }
    const channel = state.addChannel({
      name,
      is_private: bool(params, 'is_private') === true,
      creator: state.botUserId,
      members: [state.botUserId],
    });
    return { channel: renderChannel(state, channel) };
  },

  // Only a channel's creator (or an admin) may rename it; the name is checked as for a new one.
  'conversations.rename': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    const name = checkName(str(params, 'name'));
    if (channel.is_archived) throw new SlackApiError('is_archived');
    if (!channel.members.has(state.botUserId)) throw new SlackApiError('not_in_channel');
    if (channel.creator !== state.botUserId) throw new SlackApiError('not_authorized');
    const taken = [...state.channels.values()].some(
      (c) => !c.is_im && c.id !== channel.id && c.name === name,
    );
    if (taken) throw new SlackApiError('name_taken');
    if (channel.name !== name) {
      channel.previous_names.unshift(channel.name);
      channel.name = name;
    }
    return { channel: renderChannel(state, channel) };
  },

  'conversations.invite': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    const users = (str(params, 'users') ?? '').split(',').filter((u) => u !== '');
    if (users.length === 0) throw new SlackApiError('no_user');
    if (users.length > 1000) throw new SlackApiError('too_many_users');
    if (channel.is_archived) throw new SlackApiError('is_archived');
    if (!channel.members.has(state.botUserId)) throw new SlackApiError('not_in_channel');
    // Without `force`, one user Slack refuses fails the whole call and nobody is added.
    for (const user of users) {
      if (user === state.botUserId) throw new SlackApiError('cant_invite_self');
      if (!state.users.has(user)) throw new SlackApiError('user_not_found');
      if (channel.members.has(user)) throw new SlackApiError('already_in_channel');
    }
    for (const user of users) channel.members.add(user);
    return { channel: renderChannel(state, channel) };
  },
};
