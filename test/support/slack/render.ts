/** Slack's response shapes for the simulator's state objects. */
import type { SlackState } from './state.js';
import type { SimChannel, SimMessage, SimTeam, SimUser, SimView } from './types.js';

type Json = Record<string, unknown>;

export function renderBotProfile(state: SlackState): Json {
  const { botId, appId, teamId } = state.opts;
  const user = state.users.get(state.botUserId);
  return {
    id: botId,
    deleted: false,
    name: user?.real_name ?? 'bot',
    updated: 1700000000,
    app_id: appId,
    icons: { image_36: 'https://a.slack-edge.test/bot_36.png', image_48: '', image_72: '' },
    team_id: teamId,
  };
}

/** A message as `conversations.history` / `chat.postMessage` return it. */
export function renderMessage(state: SlackState, m: SimMessage, withMetadata = true): Json {
  if (m.deleted) {
    return {
      type: 'message',
      subtype: 'tombstone',
      text: 'This message was deleted.',
      user: 'USLACKBOT',
      hidden: true,
      ts: m.ts,
      thread_ts: m.thread_ts,
      reply_count: m.reply_count,
      latest_reply: m.latest_reply,
    };
  }
  const out: Json = { type: 'message' };
  if (m.subtype !== undefined) out.subtype = m.subtype;
  out.text = m.text;
  if (m.user !== undefined) out.user = m.user;
  if (m.bot_id !== undefined) {
    out.bot_id = m.bot_id;
    out.app_id = m.app_id;
    out.bot_profile = renderBotProfile(state);
  }
  if (m.username !== undefined) out.username = m.username;
  if (m.icons !== undefined) out.icons = m.icons;
  if (m.client_msg_id !== undefined) out.client_msg_id = m.client_msg_id;
  out.ts = m.ts;
  if (m.team !== undefined) out.team = m.team;
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.attachments !== undefined) out.attachments = m.attachments;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.thread_ts === m.ts && m.reply_count > 0) {
    out.reply_count = m.reply_count;
    out.reply_users_count = m.reply_users.length;
    out.reply_users = m.reply_users.slice(0, 5);
    out.latest_reply = m.latest_reply;
    out.is_locked = false;
    out.subscribed = false;
  }
  if (m.parent_user_id !== undefined) out.parent_user_id = m.parent_user_id;
  if (m.edited !== undefined) out.edited = m.edited;
  if (m.reactions.length > 0)
    out.reactions = m.reactions.map((r) => ({ ...r, users: [...r.users] }));
  if (withMetadata && m.metadata !== undefined) out.metadata = m.metadata;
  return out;
}

/** Team ids of everyone in the channel, host first: Slack's `shared_team_ids`. */
function sharedTeams(state: SlackState, c: SimChannel): string[] {
  const teams = new Set([state.teamId]);
  for (const member of c.members) {
    const team = state.users.get(member)?.team_id;
    if (team !== undefined) teams.add(team);
  }
  return [...teams];
}

/** A conversation object as `conversations.info` / `conversations.list` return it. */
export function renderChannel(state: SlackState, c: SimChannel, numMembers = false): Json {
  const base: Json = {
    id: c.id,
    created: c.created,
    is_archived: c.is_archived,
    is_org_shared: false,
    context_team_id: state.teamId,
    updated: c.created * 1000,
  };
  if (c.is_im) {
    return { ...base, is_im: true, user: c.user, is_user_deleted: false, priority: 0 };
  }
  const out: Json = {
    ...base,
    name: c.name,
    is_channel: !c.is_private,
    is_group: c.is_private,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: c.is_ext_shared,
    is_ext_shared: c.is_ext_shared,
    is_pending_ext_shared: false,
    pending_shared: [],
    parent_conversation: null,
    creator: c.creator,
    shared_team_ids: sharedTeams(state, c),
    is_member: c.members.has(state.botUserId),
    topic: c.topic,
    purpose: c.purpose,
    previous_names: c.previous_names,
  };
  if (c.is_ext_shared) out.conversation_host_id = state.teamId;
  if (numMembers) out.num_members = c.members.size;
  return out;
}

export function renderUser(u: SimUser): Json {
  const p = u.profile;
  return {
    id: u.id,
    team_id: u.team_id,
    name: u.name,
    deleted: u.deleted,
    color: '9f69e7',
    real_name: u.real_name,
    tz: u.tz,
    tz_label: 'Eastern Standard Time',
    tz_offset: -18000,
    profile: {
      title: '',
      phone: '',
      skype: '',
      real_name: p.real_name,
      real_name_normalized: p.real_name,
      display_name: p.display_name,
      display_name_normalized: p.display_name,
      status_text: '',
      status_emoji: '',
      avatar_hash: 'g000000000',
      ...(p.email !== undefined ? { email: p.email } : {}),
      image_24: p.image_72,
      image_32: p.image_72,
      image_48: p.image_72,
      image_72: p.image_72,
      image_192: p.image_72,
      ...(u.bot_id !== undefined ? { bot_id: u.bot_id, api_app_id: '', always_active: true } : {}),
      team: u.team_id,
    },
    is_admin: u.is_admin,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: u.is_restricted ?? false,
    is_ultra_restricted: false,
    is_bot: u.is_bot,
    is_app_user: false,
    updated: 1700000000,
    is_email_confirmed: !u.is_bot,
    who_can_share_contact_card: 'EVERYONE',
  };
}

export function renderTeam(t: SimTeam): Json {
  const img = t.icon.image_132;
  return {
    id: t.id,
    name: t.name,
    url: `https://${t.domain}.slack.com/`,
    domain: t.domain,
    email_domain: '',
    icon: {
      image_default: t.icon.image_default ?? false,
      image_34: img,
      image_44: img,
      image_68: img,
      image_88: img,
      image_102: img,
      image_230: img,
      image_132: img,
    },
    avatar_base_url: 'https://ca.slack-edge.test/',
    is_verified: false,
  };
}

export function renderView(state: SlackState, v: SimView): Json {
  const view = v.view;
  return {
    id: v.id,
    team_id: v.team_id,
    type: v.type,
    blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: { values: {} },
    hash: v.hash,
    title: view.title ?? { type: 'plain_text', text: 'View Title', emoji: true },
    clear_on_close: view.clear_on_close ?? false,
    notify_on_close: view.notify_on_close ?? false,
    close: view.close ?? null,
    submit: view.submit ?? null,
    previous_view_id: v.previous_view_id,
    root_view_id: v.root_view_id,
    app_id: state.opts.appId,
    external_id: v.external_id ?? '',
    app_installed_team_id: state.teamId,
    bot_id: state.opts.botId,
  };
}
