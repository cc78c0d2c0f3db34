import { SlackApiError, bool, json, req, str } from '../params.js';
import { renderMessage } from '../render.js';
import type { SlackState } from '../state.js';
import type { Params, SimBlock, SimChannel, SimMessage } from '../types.js';
import type { MethodTable } from './types.js';

interface Content {
  text?: string;
  blocks?: SimBlock[];
  attachments?: unknown[];
}

/** text / blocks / attachments as Slack validates them: at least one, blocks well-formed. */
function readContent(params: Params): Content {
  const text = str(params, 'text');
  const blocks = json<unknown>(params, 'blocks', 'invalid_blocks_format');
  const attachments = json<unknown>(params, 'attachments', 'invalid_attachments');
  if (blocks !== undefined) {
    const ok =
      Array.isArray(blocks) &&
      blocks.every((b) => typeof b === 'object' && b !== null && typeof b.type === 'string');
    if (!ok) throw new SlackApiError('invalid_blocks', ['[ERROR] invalid block']);
  }
  if (attachments !== undefined && !Array.isArray(attachments)) {
    throw new SlackApiError('invalid_attachments');
  }
  if (text === undefined && blocks === undefined && attachments === undefined) {
    throw new SlackApiError('no_text');
  }
  if (text !== undefined && text.length > 40000) throw new SlackApiError('msg_too_long');
  return {
    text,
    blocks: blocks as SimBlock[] | undefined,
    attachments: attachments as unknown[] | undefined,
  };
}

function readMetadata(params: Params): SimMessage['metadata'] {
  const metadata = json<{ event_type?: unknown; event_payload?: unknown }>(
    params,
    'metadata',
    'invalid_metadata_format',
  );
  if (metadata === undefined) return undefined;
  if (typeof metadata.event_type !== 'string') throw new SlackApiError('invalid_metadata_format');
  return { event_type: metadata.event_type, event_payload: metadata.event_payload ?? {} };
}

/** Where the bot may post: exists for it, not archived, and it is a member. */
function postable(state: SlackState, ref: string | undefined, openIm = false): SimChannel {
  const channel = state.visibleChannel(ref, { openIm });
  if (channel.is_archived) throw new SlackApiError('is_archived');
  if (!channel.members.has(state.botUserId)) throw new SlackApiError('not_in_channel');
  return channel;
}

function existing(state: SlackState, params: Params, tsKey: string): SimMessage {
  const channel = state.visibleChannel(str(params, 'channel'));
  const message = state.findMessage(channel.id, req(params, tsKey));
  if (message === undefined) throw new SlackApiError('message_not_found');
  return message;
}

function icons(params: Params): SimMessage['icons'] {
  const emoji = str(params, 'icon_emoji');
  if (emoji !== undefined) return { emoji };
  const url = str(params, 'icon_url');
  return url === undefined ? undefined : { image_48: url };
}

export const chatMethods: MethodTable = {
  'chat.postMessage': (state, params) => {
    const content = readContent(params);
    const metadata = readMetadata(params);
    const channel = postable(state, str(params, 'channel'), true);
    const threadTs = str(params, 'thread_ts');
    const message = state.insertMessage({
      channel: channel.id,
      subtype:
        threadTs !== undefined && bool(params, 'reply_broadcast') ? 'thread_broadcast' : undefined,
      user: state.botUserId,
      bot_id: state.opts.botId,
      app_id: state.opts.appId,
      team: state.teamId,
      text: content.text ?? '',
      blocks: content.blocks,
      attachments: content.attachments,
      thread_ts: threadTs,
      metadata,
      username: str(params, 'username'),
      icons: icons(params),
      unfurl_links: bool(params, 'unfurl_links'),
      unfurl_media: bool(params, 'unfurl_media'),
    });
    return { channel: channel.id, ts: message.ts, message: renderMessage(state, message) };
  },

  'chat.update': (state, params) => {
    const message = existing(state, params, 'ts');
    if (message.bot_id !== state.opts.botId) throw new SlackApiError('cant_update_message');
    if (state.channel(message.channel).is_archived) throw new SlackApiError('is_archived');
    const content = readContent(params);
    const metadata = readMetadata(params);
    // Slack keeps blocks / attachments that the update leaves out; [] removes them.
    if (content.text !== undefined) message.text = content.text;
    else if (content.blocks !== undefined) message.text = '';
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (content.attachments !== undefined) message.attachments = content.attachments;
    if (metadata !== undefined) message.metadata = metadata;
    message.edited = { user: state.botUserId, ts: state.ids.ts() };
    return {
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: renderMessage(state, message),
    };
  },

  'chat.delete': (state, params) => {
    const message = existing(state, params, 'ts');
    if (message.bot_id !== state.opts.botId) throw new SlackApiError('cant_delete_message');
    state.removeMessage(message);
    return { channel: message.channel, ts: message.ts };
  },

  'chat.postEphemeral': (state, params) => {
    const channel = state.visibleChannel(str(params, 'channel'));
    if (channel.is_archived) throw new SlackApiError('is_archived');
    const user = req(params, 'user');
    if (!state.users.has(user)) throw new SlackApiError('user_not_found');
    if (!channel.members.has(user)) throw new SlackApiError('user_not_in_channel');
    const content = readContent(params);
    const ts = state.ids.ts();
    state.ephemerals.push({
      channel: channel.id,
      user,
      text: content.text ?? '',
      blocks: content.blocks,
      thread_ts: str(params, 'thread_ts'),
      ts,
      via: 'api',
    });
    return { message_ts: ts };
  },

  'chat.getPermalink': (state, params) => {
    const message = existing(state, params, 'message_ts');
    const domain = state.teams.get(state.teamId)?.domain ?? 'sim';
    const base = `https://${domain}.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`;
    const reply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
    return {
      channel: message.channel,
      permalink: reply ? `${base}?thread_ts=${message.thread_ts}&cid=${message.channel}` : base,
    };
  },
};
