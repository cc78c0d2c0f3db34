import type {
  ChatPostEphemeralArguments,
  ChatPostMessageArguments,
  ChatUpdateArguments,
  ConversationsHistoryArguments,
  ViewsOpenArguments,
  ViewsPublishArguments,
  ViewsUpdateArguments,
  WebClient,
} from '@slack/web-api';
import type { SlackChannelInfo } from '../channels/channel.js';
import { isAdminProfile } from '../commands/access.js';
import type { Logger } from '../logger.js';
import { messageLink } from '../text/mrkdwn.js';
import { guardedCall, type CallOptions } from './gateway-call.js';

export type { CallOptions };

/** A person's display name and picture, to post under. */
export interface Identity {
  username?: string;
  icon_url?: string;
}

/**
 * The one way the bot's services and jobs talk to Slack: one workspace's Web API client and the
 * logger, one method per Web API call the bot makes. Each method takes {@link CallOptions}, so
 * "this Slack error is normal here" and "log and go on" are options rather than hand-written
 * catches.
 */
export class SlackGateway {
  constructor(
    readonly client: WebClient,
    readonly logger: Logger,
  ) {}

  /** Runs one Web API call under `options` (`guardedCall`). */
  private call<T>(method: string, run: () => Promise<T>, options?: CallOptions) {
    return guardedCall(this.logger, method, run, options);
  }

  post(message: ChatPostMessageArguments, options?: CallOptions) {
    return this.call('chat.postMessage', () => this.client.chat.postMessage(message), options);
  }

  postEphemeral(message: ChatPostEphemeralArguments, options?: CallOptions) {
    return this.call('chat.postEphemeral', () => this.client.chat.postEphemeral(message), options);
  }

  update(message: ChatUpdateArguments, options?: CallOptions) {
    return this.call('chat.update', () => this.client.chat.update(message), options);
  }

  delete(channel: string, ts: string, options?: CallOptions) {
    return this.call('chat.delete', () => this.client.chat.delete({ channel, ts }), options);
  }

  /** Slack's permalink of a message, or the archive URL Slack redirects from when it gives none. */
  async permalink(channel: string, ts: string, options?: CallOptions): Promise<string> {
    const answer = await this.call(
      'chat.getPermalink',
      () => this.client.chat.getPermalink({ channel, message_ts: ts }),
      options,
    );
    return answer?.permalink ?? messageLink(channel, ts);
  }

  react(channel: string, ts: string, name: string, options?: CallOptions) {
    const target = { channel, timestamp: ts, name };
    return this.call('reactions.add', () => this.client.reactions.add(target), options);
  }

  unreact(channel: string, ts: string, name: string, options?: CallOptions) {
    const target = { channel, timestamp: ts, name };
    return this.call('reactions.remove', () => this.client.reactions.remove(target), options);
  }

  publishView(view: ViewsPublishArguments, options?: CallOptions) {
    return this.call('views.publish', () => this.client.views.publish(view), options);
  }

  openView(view: ViewsOpenArguments, options?: CallOptions) {
    return this.call('views.open', () => this.client.views.open(view), options);
  }

  updateView(view: ViewsUpdateArguments, options?: CallOptions) {
    return this.call('views.update', () => this.client.views.update(view), options);
  }

  join(channel: string, options?: CallOptions) {
    return this.call(
      'conversations.join',
      () => this.client.conversations.join({ channel }),
      options,
    );
  }

  history(query: ConversationsHistoryArguments, options?: CallOptions) {
    return this.call(
      'conversations.history',
      () => this.client.conversations.history(query),
      options,
    );
  }

  /** A thread's messages (its first page, as Slack gives it, or its first `limit`). */
  replies(channel: string, ts: string, options: CallOptions & { limit?: number } = {}) {
    const thread = { channel, ts, ...(options.limit ? { limit: options.limit } : {}) };
    return this.call(
      'conversations.replies',
      () => this.client.conversations.replies(thread),
      options,
    );
  }

  /** `conversations.info`, as a channel document keeps it; undefined when there is no such channel. */
  async channelInfo(
    channelId: string,
    options?: CallOptions,
  ): Promise<SlackChannelInfo | undefined> {
    const answer = await this.call(
      'conversations.info',
      () => this.client.conversations.info({ channel: channelId }),
      { expect: ['channel_not_found'], ...options },
    );
    if (!answer) return undefined;
    const { channel } = answer;
    return {
      id: channelId,
      name: channel?.name ?? channelId,
      is_private: Boolean(channel?.is_private),
      is_ext_shared: Boolean(channel?.is_ext_shared || channel?.is_shared),
      is_archived: Boolean(channel?.is_archived),
      is_member: Boolean(channel?.is_member),
    };
  }

  /** A channel's id by its name as typed (`#name`): Slack sends plain names to commands that do not escape channels. */
  async channelIdByName(name: string): Promise<string | undefined> {
    const pages = this.client.paginate('conversations.list', {
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: 200,
    });
    for await (const page of pages) {
      const { channels = [] } = page as { channels?: { id?: string; name?: string }[] };
      const hit = channels.find((channel) => channel.name === name);
      if (hit?.id) return hit.id;
    }
    return undefined;
  }

  /**
   * `conversations.create` of a channel named `name` (private when `isPrivate`); the new
   * channel's id. The bot is its creator and first member.
   */
  async createChannel(name: string, isPrivate: boolean, options?: CallOptions) {
    const created = await this.call(
      'conversations.create',
      () => this.client.conversations.create({ name, is_private: isPrivate }),
      options,
    );
    return created?.channel?.id;
  }

  /** `conversations.rename`: `'renamed'`, else Slack's refusal (`name_taken`, …); no answer throws. */
  renameChannel(channel: string, name: string) {
    const refusal = (error: unknown) =>
      (error as { data?: { error?: string } }).data?.error ?? Promise.reject(error);
    const rename = () => this.client.conversations.rename({ channel, name });
    return this.call('conversations.rename', () => rename().then(() => 'renamed', refusal));
  }

  /** `conversations.invite` of up to 1,000 people into a channel the bot is in. */
  invite(channel: string, users: readonly string[], options?: CallOptions) {
    const invite = () => this.client.conversations.invite({ channel, users: users.join(',') });
    return this.call('conversations.invite', invite, options);
  }

  /** Every member of a channel, all pages read. */
  members(channel: string, options?: CallOptions): Promise<string[] | undefined> {
    return this.call(
      'conversations.members',
      async () => {
        const members: string[] = [];
        const pages = this.client.paginate('conversations.members', { channel, limit: 200 });
        for await (const page of pages)
          members.push(...((page as { members?: string[] }).members ?? []));
        return members;
      },
      options,
    );
  }

  /** Whether `userId` is in `channelId`, page by page; undefined when Slack refuses to say. */
  async isMember(channelId: string, userId: string): Promise<boolean | undefined> {
    let cursor: string | undefined;
    do {
      const query = { channel: channelId, limit: 200, cursor };
      const page = await this.call(
        'conversations.members',
        () => this.client.conversations.members(query),
        { bestEffort: { channelId } },
      );
      if (!page) return undefined;
      if (page.members?.includes(userId)) return true;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return false;
  }

  user(userId: string, options?: CallOptions) {
    return this.call('users.info', () => this.client.users.info({ user: userId }), options);
  }

  /** The workspace's user with this e-mail address (`users.lookupByEmail`); undefined when none. */
  async userByEmail(email: string) {
    const lookup = () => this.client.users.lookupByEmail({ email });
    return (await this.call('users.lookupByEmail', lookup, { expect: ['users_not_found'] }))?.user;
  }

  /** A person's display name and picture, to post under; empty when Slack does not say. */
  async identity(userId: string, context: Record<string, unknown>): Promise<Identity> {
    const profile = (await this.user(userId, { bestEffort: context }))?.user?.profile;
    if (!profile) return {};
    return { username: profile.display_name || profile.real_name, icon_url: profile.image_72 };
  }

  /**
   * Whether Slack says the user administers the workspace (admin, owner or primary owner). Asked
   * on every write rather than cached, so a demoted admin loses access at once.
   */
  async isWorkspaceAdmin(userId: string): Promise<boolean> {
    return isAdminProfile((await this.user(userId, { expect: ['user_not_found'] }))?.user);
  }

  team(teamId: string, options?: CallOptions) {
    return this.call('team.info', () => this.client.team.info({ team: teamId }), options);
  }
}

/** `slack(teamId)` for `BotDeps`: each workspace's client (`workspaceClients`) behind a gateway. */
export function workspaceGateways(
  clients: (teamId: string) => Promise<WebClient>,
  logger: Logger,
): (teamId: string) => Promise<SlackGateway> {
  return async (teamId) => new SlackGateway(await clients(teamId), logger);
}
