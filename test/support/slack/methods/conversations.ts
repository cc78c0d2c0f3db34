import { compareTs, tsMicros } from '../ids.js';
import { SlackApiError, bool, page, req, str } from '../params.js';
import { renderChannel, renderMessage } from '../render.js';
import type { SlackState } from '../state.js';
import type { Params, SimChannel, SimMessage } from '../types.js';
import type { MethodTable } from './types.js';

/** Reading a conversation's messages needs the bot to be in it, public or not. */
function readable(state: SlackState, params: Params): SimChannel {
  const channel = state.visibleChannel(str(params, 'channel'));
  if (!channel.members.has(state.botUserId)) throw new SlackApiError('not_in_channel');
  return channel;
}

/** `oldest` / `latest` / `inclusive` as `conversations.history` applies them. */
function inWindow(params: Params): (m: SimMessage) => boolean {
  const oldest = str(params, 'oldest');
  const latest = str(params, 'latest');
  const inclusive = bool(params, 'inclusive') === true;
  return (m) => {
    const t = tsMicros(m.ts);
    if (oldest !== undefined && (inclusive ? t < tsMicros(oldest) : t <= tsMicros(oldest))) {
      return false;
    }
    if (latest !== undefined && (inclusive ? t > tsMicros(latest) : t >= tsMicros(latest))) {
      return false;
    }
    return true;
  };
}

const TYPE_FILTERS: Record<string, (c: SimChannel) => boolean> = {
  public_channel: (c) => !c.is_im && !c.is_private,
  private_channel: (c) => !c.is_im && c.is_private,
  im: (c) => c.is_im,
  mpim: () => false,
};

export const conversationMethods: MethodTable = {
  'conversations.info': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    return { channel: renderChannel(state, channel, bool(params, 'include_num_members') === true) };
  },

  'conversations.join': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    if (channel.is_im || channel.is_private) {
      throw new SlackApiError('method_not_supported_for_channel_type');
    }
    if (channel.is_archived) throw new SlackApiError('is_archived');
    if (channel.members.has(state.botUserId)) {
      return {
        channel: renderChannel(state, channel),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      };
    }
    channel.members.add(state.botUserId);
    return { channel: renderChannel(state, channel) };
  },

  'conversations.members': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    const { items, next_cursor } = page([...channel.members], params, 'user', 100);
    return { members: items, response_metadata: { next_cursor } };
  },

  'conversations.list': (state, params) => {
    const types = (str(params, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    const filters = types.map((t) => {
      const filter = TYPE_FILTERS[t];
      if (filter === undefined) throw new SlackApiError('invalid_types');
      return filter;
    });
    const excludeArchived = bool(params, 'exclude_archived') === true;
    const channels = [...state.channels.values()].filter(
      (c) =>
        filters.some((f) => f(c)) &&
        (!c.is_private || c.members.has(state.botUserId)) &&
        !(excludeArchived && c.is_archived),
    );
    const { items, next_cursor } = page(channels, params, 'channel', 100);
    return {
      channels: items.map((c) => renderChannel(state, c, true)),
      response_metadata: { next_cursor },
    };
  },

  'conversations.history': (state, params) => {
    const channel = readable(state, params);
    const withMetadata = bool(params, 'include_all_metadata') === true;
    // Newest first; a deleted parent whose thread lives on shows as a tombstone.
    const visible = state
      .channelMessages(channel.id, true)
      .filter((m) => !m.deleted || m.reply_count > 0)
      .filter(inWindow(params))
      .sort((a, b) => compareTs(b.ts, a.ts));
    const { items, next_cursor, has_more } = page(visible, params, 'ts', 100);
    return {
      messages: items.map((m) => renderMessage(state, m, withMetadata)),
      has_more,
      pin_count: 0,
      channel_actions_query: [],
      channel_actions_count: 0,
      response_metadata: { next_cursor },
    };
  },

  'conversations.replies': (state, params) => {
    const channel = readable(state, params);
    const root = state.threadRoot(channel.id, req(params, 'ts'));
    const parent = state.messagesIn(channel.id).find((m) => m.ts === root);
    const replies = state.threadOf(channel.id, root).filter((m) => m.ts !== root);
    if (parent === undefined || (parent.deleted && replies.length === 0)) {
      throw new SlackApiError('thread_not_found');
    }
    const withMetadata = bool(params, 'include_all_metadata') === true;
    const { items, next_cursor, has_more } = page([parent, ...replies], params, 'ts', 1000);
    return {
      messages: items.map((m) => renderMessage(state, m, withMetadata)),
      has_more,
      response_metadata: { next_cursor },
    };
  },

  'conversations.open': (state, params) => {
    const users = (str(params, 'users') ?? '').split(',').filter((u) => u !== '');
    const [user] = users;
    if (user === undefined) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 1) throw new SlackApiError('not_supported', ['[ERROR] mpim not simulated']);
    if (!state.users.has(user)) throw new SlackApiError('user_not_found');
    const im = state.imWith(user);
    return { channel: bool(params, 'return_im') ? renderChannel(state, im) : { id: im.id } };
  },
};
