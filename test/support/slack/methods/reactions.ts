import { SlackApiError, req, str } from '../params.js';
import { renderMessage } from '../render.js';
import type { SlackState } from '../state.js';
import type { Params, SimMessage } from '../types.js';
import type { MethodTable } from './types.js';

function target(state: SlackState, params: Params): SimMessage {
  const channel = state.visibleChannel(str(params, 'channel'));
  const message = state.findMessage(channel.id, req(params, 'timestamp'));
  if (message === undefined) throw new SlackApiError('message_not_found');
  return message;
}

/** `:thumbsup:` and `thumbsup` name the same reaction. */
function reactionName(params: Params): string {
  return req(params, 'name').replace(/^:|:$/g, '');
}

/** Adds `user`'s reaction; false when they had already reacted so. */
export function addReaction(message: SimMessage, name: string, user: string): boolean {
  let reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(user)) return false;
  if (reaction === undefined) {
    reaction = { name, users: [], count: 0 };
    message.reactions.push(reaction);
  }
  reaction.users.push(user);
  reaction.count = reaction.users.length;
  return true;
}

/** Removes `user`'s reaction; false when there was none. */
export function removeReaction(message: SimMessage, name: string, user: string): boolean {
  const reaction = message.reactions.find((r) => r.name === name);
  if (reaction === undefined || !reaction.users.includes(user)) return false;
  reaction.users = reaction.users.filter((u) => u !== user);
  reaction.count = reaction.users.length;
  if (reaction.count === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
  return true;
}

export const reactionMethods: MethodTable = {
  'reactions.add': (state, params) => {
    const message = target(state, params);
    const name = reactionName(params);
    if (state.channel(message.channel).is_archived) throw new SlackApiError('is_archived');
    if (!addReaction(message, name, state.botUserId)) throw new SlackApiError('already_reacted');
    return {};
  },

  'reactions.remove': (state, params) => {
    const message = target(state, params);
    const name = reactionName(params);
    if (!removeReaction(message, name, state.botUserId)) throw new SlackApiError('no_reaction');
    return {};
  },

  'reactions.get': (state, params) => {
    const message = target(state, params);
    return { type: 'message', channel: message.channel, message: renderMessage(state, message) };
  },
};
