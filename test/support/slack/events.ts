/** Events API `event` objects shaped like the ones Slack sends, built from simulator state. */
import { renderBotProfile, renderChannel } from './render.js';
import type { SlackState } from './state.js';
import type { SimChannel, SimMessage } from './types.js';

type Json = Record<string, unknown>;

/** `channel_type` of message events. */
export function channelType(channel: SimChannel | undefined): 'channel' | 'group' | 'im' {
  if (channel?.is_im) return 'im';
  return channel?.is_private ? 'group' : 'channel';
}

/**
 * A `file_share` message as its event carries it (@slack/types `FileShareMessageEvent`, the
 * java-slack-sdk's `MessageFileSharePayload`): the files and the author, but no `team`,
 * `user_team` or `client_msg_id`, even in Slack Connect channels.
 */
function fileShareMessage(m: SimMessage): Json {
  const out: Json = { type: 'message', subtype: 'file_share', text: m.text };
  if (m.blocks !== undefined) out.blocks = m.blocks;
  out.files = m.files ?? [];
  out.upload = false;
  out.display_as_bot = false;
  out.user = m.user;
  if (m.parent_user_id !== undefined) out.parent_user_id = m.parent_user_id;
  out.ts = m.ts;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.edited !== undefined) out.edited = m.edited;
  return out;
}

/** The message object inside message events (also `message` / `previous_message`). */
export function eventMessage(
  state: SlackState | undefined,
  m: SimMessage,
  channel?: SimChannel,
): Json {
  if (m.subtype === 'file_share') return fileShareMessage(m);
  const out: Json = { type: 'message' };
  if (m.subtype !== undefined) out.subtype = m.subtype;
  if (m.user !== undefined) out.user = m.user;
  if (m.bot_id !== undefined) {
    out.bot_id = m.bot_id;
    out.app_id = m.app_id;
    if (state !== undefined) out.bot_profile = renderBotProfile(state);
  }
  out.text = m.text;
  out.ts = m.ts;
  if (m.client_msg_id !== undefined) out.client_msg_id = m.client_msg_id;
  if (m.team !== undefined) out.team = m.team;
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.attachments !== undefined) out.attachments = m.attachments;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.parent_user_id !== undefined) out.parent_user_id = m.parent_user_id;
  if (m.edited !== undefined) out.edited = m.edited;
  // Slack Connect: messages in shared channels say which workspace the author is from.
  const foreign = state !== undefined && m.team !== undefined && m.team !== state.teamId;
  if (m.team !== undefined && (channel?.is_ext_shared === true || foreign)) {
    out.user_team = m.team;
    out.source_team = m.team;
  }
  return out;
}

export function messageEvent(
  state: SlackState | undefined,
  m: SimMessage,
  channel?: SimChannel,
): Json {
  return {
    ...eventMessage(state, m, channel),
    channel: m.channel,
    event_ts: m.ts,
    channel_type: channelType(channel),
  };
}

export function messageChangedEvent(
  state: SlackState,
  previous: SimMessage,
  message: SimMessage,
  eventTs: string,
): Json {
  const channel = state.channels.get(message.channel);
  return changedEnvelope(state, previous, eventMessage(state, message, channel), eventTs);
}

/** A `message_changed` event: `message` replaces `previous` in its channel. */
function changedEnvelope(
  state: SlackState,
  previous: SimMessage,
  message: Json,
  eventTs: string,
): Json {
  const channel = state.channels.get(previous.channel);
  return {
    type: 'message',
    subtype: 'message_changed',
    message,
    previous_message: eventMessage(state, previous, channel),
    channel: previous.channel,
    hidden: true,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: channelType(channel),
  };
}

/**
 * What Slack sends when a thread's root is deleted while replies remain: no `message_deleted`,
 * but a `message_changed` whose `message` is the tombstone left in its place.
 */
export function tombstoneChangedEvent(
  state: SlackState,
  previous: SimMessage,
  eventTs: string,
): Json {
  return changedEnvelope(
    state,
    previous,
    {
      type: 'message',
      subtype: 'tombstone',
      text: 'This message was deleted.',
      user: 'USLACKBOT',
      hidden: true,
      thread_ts: previous.ts,
      reply_count: previous.reply_count,
      reply_users_count: previous.reply_users.length,
      latest_reply: previous.latest_reply,
      reply_users: previous.reply_users.slice(0, 5),
      is_locked: false,
      ts: previous.ts,
    },
    eventTs,
  );
}

export function messageDeletedEvent(
  state: SlackState,
  previous: SimMessage,
  eventTs: string,
): Json {
  const channel = state.channels.get(previous.channel);
  return {
    type: 'message',
    subtype: 'message_deleted',
    previous_message: eventMessage(state, previous, channel),
    channel: previous.channel,
    hidden: true,
    deleted_ts: previous.ts,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: channelType(channel),
  };
}

export function reactionEvent(
  message: SimMessage,
  user: string,
  name: string,
  added: boolean,
  eventTs: string,
): Json {
  return {
    type: added ? 'reaction_added' : 'reaction_removed',
    user,
    reaction: name,
    item: { type: 'message', channel: message.channel, ts: message.ts },
    item_user: message.user,
    event_ts: eventTs,
  };
}

export function memberJoinedEvent(
  state: SlackState,
  channel: SimChannel,
  user: string,
  eventTs: string,
  inviter?: string,
): Json {
  return {
    type: 'member_joined_channel',
    user,
    channel: channel.id,
    channel_type: channel.is_private ? 'G' : 'C',
    team: state.users.get(user)?.team_id ?? state.teamId,
    ...(inviter !== undefined ? { inviter } : {}),
    event_ts: eventTs,
  };
}

export function channelCreatedEvent(state: SlackState, channel: SimChannel, eventTs: string): Json {
  const rendered = renderChannel(state, channel);
  delete rendered.is_member;
  return { type: 'channel_created', channel: rendered, event_ts: eventTs };
}

/** `channel_rename`, or `group_rename` for a private channel, as Slack sends them. */
export function channelRenameEvent(channel: SimChannel, eventTs: string): Json {
  return {
    type: channel.is_private ? 'group_rename' : 'channel_rename',
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      created: channel.created,
      is_channel: !channel.is_private,
      is_mpim: false,
    },
    event_ts: eventTs,
  };
}

export function appHomeOpenedEvent(
  user: string,
  imChannel: string,
  tab: 'home' | 'messages',
  eventTs: string,
  view?: Json,
): Json {
  return {
    type: 'app_home_opened',
    user,
    channel: imChannel,
    tab,
    ...(view !== undefined && tab === 'home' ? { view } : {}),
    event_ts: eventTs,
  };
}
