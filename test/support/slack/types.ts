/**
 * The simulator's in-memory model of a Slack workspace. Field names follow Slack's own
 * objects so that what tests read here matches what the Web API returns.
 */
import type { Block, KnownBlock } from '@slack/web-api';

/** A Block Kit block as stored: whatever the app sent. */
export type SimBlock = KnownBlock | Block;

/** Parameters of one Web API call, after decoding the form or JSON body and the query. */
export type Params = Record<string, unknown>;

export interface SimTeam {
  id: string;
  name: string;
  domain: string;
  icon: { image_132: string; image_default?: boolean };
}

export interface SimUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  is_bot: boolean;
  is_admin: boolean;
  bot_id?: string;
  /** A guest (multi-channel); `users.info` says so as Slack does. */
  is_restricted?: boolean;
  deleted: boolean;
  tz: string;
  profile: { display_name: string; real_name: string; image_72: string; email?: string };
}

export interface SimChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_ext_shared: boolean;
  is_archived: boolean;
  /** A direct message between the bot and `user`. */
  is_im: boolean;
  /** For an IM: the other person. */
  user?: string;
  creator: string;
  /** Unix seconds. */
  created: number;
  members: Set<string>;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  previous_names: string[];
}

export interface SimReaction {
  name: string;
  users: string[];
  count: number;
}

/** A file shared in a message, with the fields Slack's file objects carry in message events. */
export interface SimFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: 'hosted';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  url_private: string;
  url_private_download: string;
  permalink: string;
  has_rich_preview: boolean;
  file_access: 'visible';
}

export interface SimMessage {
  channel: string;
  ts: string;
  type: 'message';
  subtype?: string;
  /** The author: a person, or the bot's user id for messages the app posted. */
  user?: string;
  bot_id?: string;
  app_id?: string;
  /** The author's team (differs from the workspace for Slack Connect users). */
  team?: string;
  text: string;
  blocks?: SimBlock[];
  attachments?: unknown[];
  /** Files shared with the message (`subtype: 'file_share'`). */
  files?: SimFile[];
  thread_ts?: string;
  parent_user_id?: string;
  reply_count: number;
  reply_users: string[];
  latest_reply?: string;
  reactions: SimReaction[];
  edited?: { user: string; ts: string };
  metadata?: { event_type: string; event_payload: unknown };
  deleted: boolean;
  username?: string;
  icons?: { image_48?: string; emoji?: string };
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  client_msg_id?: string;
}

export interface SimEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: SimBlock[];
  thread_ts?: string;
  ts: string;
  /** Whether it came from `chat.postEphemeral` or a response URL / command ack. */
  via: 'api' | 'response_url';
}

export interface SimView {
  id: string;
  team_id: string;
  type: 'home' | 'modal';
  /** The user who sees the view. */
  user: string;
  /** The view payload as last sent by the app (`blocks`, `callback_id`, `private_metadata`...). */
  view: Record<string, unknown>;
  hash: string;
  external_id?: string;
  trigger_id?: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** Modals close on submission (unless the app answers otherwise) or by `response_action: clear`. */
  status: 'open' | 'closed';
  /** Validation errors last returned by a `view_submission` ack (`response_action: errors`). */
  errors?: Record<string, string>;
}

export interface CallRecord {
  method: string;
  /** Decoded parameters (JSON-valued ones such as `blocks` and `view` parsed); no token. */
  params: Params;
  at: Date;
  /** HTTP status answered; unset while a hung call is pending. */
  status?: number;
  ok?: boolean;
  error?: string;
}

/** What a response URL was minted for, so a post to it lands where Slack would show it. */
export interface ResponseContext {
  channel?: string;
  user?: string;
  /** The message the interaction came from, for `replace_original` / `delete_original`. */
  message_ts?: string;
  thread_ts?: string;
}

export interface ResponseRecord {
  id: string;
  url: string;
  body: Record<string, unknown>;
  context: ResponseContext;
  at: Date;
}

export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  | { hang: true }
  /** The call reaches Slack late: it is applied, and answered, once `until` settles. */
  | { delay: true; until: Promise<unknown> };

export interface FaultOptions {
  /** How many matching calls get the fault; default 1. */
  times?: number;
  /** Only calls whose decoded parameters satisfy this. */
  when?: (params: Params) => boolean;
}
