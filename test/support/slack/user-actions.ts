/**
 * What people do in Slack, applied to the simulator's state. Each returns what the
 * matching Events API event needs; delivering the event is the driver's job.
 */
import { randomUUID } from 'node:crypto';
import { addReaction, removeReaction } from './methods/reactions.js';
import type { SlackState } from './state.js';
import type { SimBlock, SimFile, SimMessage } from './types.js';

/** The `rich_text` block Slack's clients attach to a typed message. */
export function richText(text: string): SimBlock[] {
  return [
    {
      type: 'rich_text',
      block_id: Math.random().toString(36).slice(2, 7),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ] as SimBlock[];
}

function member(state: SlackState, channel: string, user: string): void {
  if (!state.users.has(user)) throw new Error(`simulator: no user ${user} (addUser first)`);
  if (!state.channel(channel).members.has(user)) {
    throw new Error(`simulator: ${user} is not in ${channel} (joinChannel first)`);
  }
}

function authored(state: SlackState, channel: string, ts: string, user?: string): SimMessage {
  const message = state.findMessage(channel, ts);
  if (message === undefined) throw new Error(`simulator: no message ${ts} in ${channel}`);
  if (user !== undefined && message.user !== user) {
    throw new Error(`simulator: message ${ts} in ${channel} is not ${user}'s`);
  }
  return message;
}

export function postAsUser(
  state: SlackState,
  channel: string,
  user: string,
  text: string,
  opts: { thread_ts?: string; reply_broadcast?: boolean } = {},
): SimMessage {
  member(state, channel, user);
  if (opts.thread_ts !== undefined) authored(state, channel, opts.thread_ts);
  return state.insertMessage({
    channel,
    subtype: opts.reply_broadcast === true ? 'thread_broadcast' : undefined,
    user,
    team: state.users.get(user)?.team_id,
    text,
    blocks: richText(text),
    thread_ts: opts.thread_ts,
    client_msg_id: randomUUID(),
  });
}

const MIME: Record<string, [mimetype: string, pretty: string]> = {
  csv: ['text/csv', 'CSV'],
  txt: ['text/plain', 'Plain Text'],
  log: ['text/plain', 'Plain Text'],
  png: ['image/png', 'PNG'],
  jpg: ['image/jpeg', 'JPEG'],
  pdf: ['application/pdf', 'PDF'],
};

/** A file the person uploads, as Slack describes it in the message that shares it. */
function uploadedFile(state: SlackState, user: string, name: string): SimFile {
  const id = state.ids.next('F');
  const team = state.users.get(user)?.team_id ?? state.teamId;
  const domain = state.teams.get(team)?.domain ?? team.toLowerCase();
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  const [mimetype, pretty] = MIME[extension] ?? ['application/octet-stream', 'Binary'];
  const created = Math.floor(Number(state.ids.ts()));
  return {
    id,
    created,
    timestamp: created,
    name,
    title: name,
    mimetype,
    filetype: extension || 'binary',
    pretty_type: pretty,
    user,
    user_team: team,
    editable: false,
    size: 1024 + name.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `https://files.slack.com/files-pri/${team}-${id}/${name}`,
    url_private_download: `https://files.slack.com/files-pri/${team}-${id}/download/${name}`,
    permalink: `https://${domain}.slack.com/files/${user}/${id}/${name}`,
    has_rich_preview: false,
    file_access: 'visible',
  };
}

/** A person uploads files to a channel or thread, with an optional comment (`file_share`). */
export function shareFilesAsUser(
  state: SlackState,
  channel: string,
  user: string,
  text: string,
  fileNames: string[],
  opts: { thread_ts?: string } = {},
): SimMessage {
  member(state, channel, user);
  if (opts.thread_ts !== undefined) authored(state, channel, opts.thread_ts);
  return state.insertMessage({
    channel,
    subtype: 'file_share',
    user,
    team: state.users.get(user)?.team_id,
    text,
    ...(text !== '' ? { blocks: richText(text) } : {}),
    files: fileNames.map((name) => uploadedFile(state, user, name)),
    thread_ts: opts.thread_ts,
  });
}

/** A message the app posted earlier, seeded without a Web API call. */
export function postAsBot(
  state: SlackState,
  channel: string,
  text: string,
  opts: { blocks?: SimBlock[]; thread_ts?: string; metadata?: SimMessage['metadata'] } = {},
): SimMessage {
  state.channel(channel);
  return state.insertMessage({
    channel,
    user: state.botUserId,
    bot_id: state.opts.botId,
    app_id: state.opts.appId,
    team: state.teamId,
    text,
    ...opts,
  });
}

export function editAsUser(
  state: SlackState,
  channel: string,
  ts: string,
  text: string,
): { previous: SimMessage; message: SimMessage } {
  const message = authored(state, channel, ts);
  const author = message.user;
  if (author === undefined) throw new Error('simulator: people cannot edit bot messages');
  const previous = structuredClone(message);
  message.text = text;
  message.blocks = richText(text);
  message.edited = { user: author, ts: state.ids.ts() };
  return { previous, message };
}

export function deleteAsUser(state: SlackState, channel: string, ts: string): SimMessage {
  const message = authored(state, channel, ts);
  const previous = structuredClone(message);
  state.removeMessage(message);
  return previous;
}

export function react(
  state: SlackState,
  channel: string,
  ts: string,
  user: string,
  name: string,
  add: boolean,
): SimMessage {
  const message = authored(state, channel, ts);
  const changed = add ? addReaction(message, name, user) : removeReaction(message, name, user);
  if (!changed)
    throw new Error(`simulator: ${user} ${add ? 'already reacted' : 'has no'} :${name}:`);
  return message;
}
