import { IdSource, compareTs } from './ids.js';
import { SlackApiError } from './params.js';
import type {
  CallRecord,
  ResponseContext,
  ResponseRecord,
  SimChannel,
  SimEphemeral,
  SimMessage,
  SimTeam,
  SimUser,
  SimView,
} from './types.js';

export interface StateOptions {
  teamId: string;
  botUserId: string;
  botId: string;
  botToken: string;
  appId: string;
  /** Milliseconds since the epoch; defaults to `Date.now`. Pass a virtual clock's reading. */
  now: () => number;
}

export type UserSeed = Partial<Omit<SimUser, 'profile'>> & {
  id: string;
  profile?: Partial<SimUser['profile']>;
};

export type ChannelSeed = Partial<Omit<SimChannel, 'members' | 'topic'>> & {
  name: string;
  members?: Iterable<string>;
  topic?: string;
};

/**
 * Everything the simulator knows: the workspace, its people and conversations, what the
 * app has shown them, and every call received. Mutations used by Web API handlers
 * validate first and change state last, so a failed call changes nothing.
 */
export class SlackState {
  readonly teams = new Map<string, SimTeam>();
  readonly users = new Map<string, SimUser>();
  readonly channels = new Map<string, SimChannel>();
  /** Per channel, in ts order (ts only grows, so appending keeps the order). */
  readonly messagesByChannel = new Map<string, SimMessage[]>();
  readonly ephemerals: SimEphemeral[] = [];
  readonly views = new Map<string, SimView>();
  readonly homeViewIds = new Map<string, string>();
  readonly triggers = new Map<string, { user: string; used: boolean }>();
  readonly responseContexts = new Map<string, ResponseContext>();
  readonly responses: ResponseRecord[] = [];
  readonly calls: CallRecord[] = [];
  readonly ids: IdSource;

  constructor(readonly opts: StateOptions) {
    this.ids = new IdSource(opts.now);
    this.addTeam({ id: opts.teamId, name: 'Simulated Workspace', domain: 'sim-workspace' });
    this.addUser({
      id: opts.botUserId,
      name: 'triage-bot',
      real_name: 'Triage Bot',
      is_bot: true,
      bot_id: opts.botId,
    });
  }

  get teamId(): string {
    return this.opts.teamId;
  }

  get botUserId(): string {
    return this.opts.botUserId;
  }

  nowSeconds(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  addTeam(seed: Partial<SimTeam> & { id: string }): SimTeam {
    const domain = seed.domain ?? seed.id.toLowerCase();
    const team: SimTeam = {
      ...seed,
      name: seed.name ?? seed.id,
      domain,
      icon: seed.icon ?? { image_132: `https://avatars.slack-edge.test/${domain}_132.png` },
    };
    this.teams.set(team.id, team);
    return team;
  }

  addUser(seed: UserSeed): SimUser {
    const name = seed.name ?? seed.id.toLowerCase();
    const realName = seed.real_name ?? seed.profile?.real_name ?? name;
    const teamId = seed.team_id ?? this.teamId;
    if (!this.teams.has(teamId)) this.addTeam({ id: teamId });
    const user: SimUser = {
      ...seed,
      team_id: teamId,
      name,
      real_name: realName,
      is_bot: seed.is_bot ?? false,
      is_admin: seed.is_admin ?? false,
      deleted: seed.deleted ?? false,
      tz: seed.tz ?? 'America/New_York',
      profile: {
        display_name: seed.profile?.display_name ?? name,
        real_name: realName,
        image_72: seed.profile?.image_72 ?? `https://avatars.slack-edge.test/${seed.id}_72.png`,
        ...(seed.profile?.email !== undefined ? { email: seed.profile.email } : {}),
      },
    };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(seed: ChannelSeed): SimChannel {
    const id = seed.id ?? this.ids.next(seed.is_private ? 'G' : 'C');
    const creator = seed.creator ?? this.botUserId;
    const created = seed.created ?? this.nowSeconds();
    const channel: SimChannel = {
      ...seed,
      is_private: seed.is_private ?? false,
      is_ext_shared: seed.is_ext_shared ?? false,
      is_archived: seed.is_archived ?? false,
      is_im: seed.is_im ?? false,
      previous_names: seed.previous_names ?? [],
      purpose: seed.purpose ?? { value: '', creator: '', last_set: 0 },
      id,
      creator,
      created,
      members: new Set(seed.members ?? []),
      topic: { value: seed.topic ?? '', creator: seed.topic ? creator : '', last_set: 0 },
    };
    this.channels.set(id, channel);
    this.messagesByChannel.set(id, []);
    return channel;
  }

  /** The IM between the bot and `user`, created on first use as Slack does. */
  imWith(user: string): SimChannel {
    for (const c of this.channels.values()) if (c.is_im && c.user === user) return c;
    return this.addChannel({
      id: this.ids.next('D'),
      name: user,
      is_im: true,
      is_private: true,
      user,
      members: [user, this.botUserId],
    });
  }

  channel(id: string): SimChannel {
    const channel = this.channels.get(id);
    if (channel === undefined) throw new Error(`simulator: no channel ${id}`);
    return channel;
  }

  /**
   * The conversation a bot-token call names, as Slack resolves it: an id, a `#name`, or
   * (with `openIm`, as `chat.postMessage` allows) a user id, meaning the IM with them.
   * Private conversations the bot is not in do not exist for it.
   */
  visibleChannel(ref: string | undefined, opts: { openIm?: boolean } = {}): SimChannel {
    if (ref === undefined) throw new SlackApiError('channel_not_found');
    let channel = this.channels.get(ref);
    if (channel === undefined && opts.openIm === true && this.users.has(ref)) {
      channel = this.imWith(ref);
    }
    if (channel === undefined) {
      const name = ref.replace(/^#/, '');
      channel = [...this.channels.values()].find((c) => !c.is_im && c.name === name);
    }
    if (channel === undefined) throw new SlackApiError('channel_not_found');
    if (channel.is_private && !channel.members.has(this.botUserId)) {
      throw new SlackApiError('channel_not_found');
    }
    return channel;
  }

  messagesIn(channel: string): SimMessage[] {
    const list = this.messagesByChannel.get(channel);
    if (list === undefined) throw new Error(`simulator: no channel ${channel}`);
    return list;
  }

  findMessage(channel: string, ts: string | undefined): SimMessage | undefined {
    if (ts === undefined) return undefined;
    return this.messagesByChannel.get(channel)?.find((m) => m.ts === ts && !m.deleted);
  }

  /** The root ts a reply to `threadTs` belongs under (a reply's ts means its parent). */
  threadRoot(channel: string, threadTs: string): string {
    const target = this.findMessage(channel, threadTs);
    return target?.thread_ts ?? threadTs;
  }

  /** Appends a message with a fresh ts, maintaining the parent's thread fields. */
  insertMessage(
    fields: Omit<
      SimMessage,
      'ts' | 'type' | 'reply_count' | 'reply_users' | 'reactions' | 'deleted'
    >,
  ): SimMessage {
    const message: SimMessage = {
      type: 'message',
      ts: this.ids.ts(),
      reply_count: 0,
      reply_users: [],
      reactions: [],
      deleted: false,
      ...fields,
    };
    if (message.thread_ts !== undefined) {
      message.thread_ts = this.threadRoot(message.channel, message.thread_ts);
      const parent = this.findMessage(message.channel, message.thread_ts);
      if (parent !== undefined) {
        const author = message.user ?? message.bot_id ?? '';
        parent.thread_ts = parent.ts;
        parent.reply_count += 1;
        if (!parent.reply_users.includes(author)) parent.reply_users.push(author);
        parent.latest_reply = message.ts;
        if (parent.user !== undefined) message.parent_user_id = parent.user;
      }
    }
    this.messagesIn(message.channel).push(message);
    return message;
  }

  /** Marks a message deleted and takes it out of its parent's reply count. */
  removeMessage(message: SimMessage): void {
    message.deleted = true;
    if (message.thread_ts === undefined || message.thread_ts === message.ts) return;
    const parent = this.findMessage(message.channel, message.thread_ts);
    if (parent === undefined) return;
    const replies = this.threadOf(message.channel, parent.ts).slice(1);
    parent.reply_count = replies.length;
    parent.reply_users = [...new Set(replies.map((r) => r.user ?? r.bot_id ?? ''))];
    parent.latest_reply = replies.at(-1)?.ts;
  }

  /** Top-level messages and broadcast replies: what the channel shows. */
  channelMessages(channel: string, includeDeleted = false): SimMessage[] {
    return this.messagesIn(channel).filter(
      (m) =>
        (includeDeleted || !m.deleted) &&
        (m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast'),
    );
  }

  /** The parent (if any) followed by its replies, oldest first. */
  threadOf(channel: string, ts: string): SimMessage[] {
    const root = this.threadRoot(channel, ts);
    return this.messagesIn(channel)
      .filter((m) => !m.deleted && (m.ts === root || m.thread_ts === root))
      .sort((a, b) => compareTs(a.ts, b.ts));
  }

  /** Registers a trigger id the app may exchange once for `views.open`. */
  issueTrigger(user: string): string {
    const trigger = this.ids.trigger();
    this.triggers.set(trigger, { user, used: false });
    return trigger;
  }

  /** Mints a response URL id; posts to it land according to `context`. */
  issueResponseUrl(context: ResponseContext): string {
    const id = `${this.ids.next('R')}-${Math.random().toString(36).slice(2, 10)}`;
    this.responseContexts.set(id, context);
    return id;
  }

  newView(
    fields: Omit<SimView, 'id' | 'team_id' | 'hash' | 'root_view_id' | 'previous_view_id'>,
  ): SimView {
    const id = this.ids.next('V');
    const view: SimView = {
      id,
      team_id: this.teamId,
      hash: this.ids.hash(),
      root_view_id: id,
      previous_view_id: null,
      ...fields,
    };
    this.views.set(id, view);
    return view;
  }
}
