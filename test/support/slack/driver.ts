import {
  appHomeOpenedEvent,
  channelCreatedEvent,
  channelRenameEvent,
  memberJoinedEvent,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  reactionEvent,
  tombstoneChangedEvent,
} from './events.js';
import {
  blockActionsPayload,
  commandForm,
  messageShortcutPayload,
  viewSubmissionPayload,
  type ActionInput,
  type CommandInput,
  type MessageShortcutInput,
  type ViewSubmissionInput,
} from './interactions.js';
import { renderMessage, renderView } from './render.js';
import { applyResponse } from './responses.js';
import { SignedSender, type DriverResponse, type EventOptions } from './signed-sender.js';
import type { SimMessage } from './types.js';
import { shareFilesAsUser } from './user-actions.js';
import { applyViewAck } from './view-acks.js';

export type {
  ActionInput,
  CommandInput,
  MessageShortcutInput,
  ViewSubmissionInput,
} from './interactions.js';
export type { DriverOptions, DriverResponse, EventOptions } from './signed-sender.js';

type Json = Record<string, unknown>;

/**
 * Plays Slack's side of the HTTP conversation with a running Bolt app: Events API
 * envelopes, slash commands and interactivity payloads, each signed with the signing
 * secret exactly as Slack signs them. With a simulator, the helpers also change the
 * workspace the way the person's action did (`customerSays` posts, then delivers).
 *
 * @example
 * const driver = new SlackDriver({ appUrl, signingSecret, teamId: sim.teamId, apiAppId: sim.appId, sim });
 * const { message } = await driver.customerSays('C1', 'U1', 'Our export is broken');
 * await sim.waitForCall('chat.postMessage');
 */
export class SlackDriver extends SignedSender {
  /** Delivers the `message` event for a message already in the simulator (or given whole). */
  async message(
    message: SimMessage,
    channel: string = message.channel,
    opts?: EventOptions,
  ): Promise<DriverResponse> {
    const state = this.opts.sim?.state;
    return this.event(
      messageEvent(state, { ...message, channel }, state?.channels.get(channel)),
      opts,
    );
  }

  /** A person posts in the simulator, then Slack tells the app. */
  async customerSays(
    channel: string,
    user: string,
    text: string,
    opts: { thread_ts?: string; reply_broadcast?: boolean; event?: EventOptions } = {},
  ): Promise<{ message: SimMessage; response: DriverResponse }> {
    const message = this.sim('customerSays').postAsUser(channel, user, text, opts);
    return { message, response: await this.message(message, channel, opts.event) };
  }

  /** The same as `customerSays`, for someone on the support side. */
  async agentSays(
    channel: string,
    user: string,
    text: string,
    opts: { thread_ts?: string; reply_broadcast?: boolean; event?: EventOptions } = {},
  ): Promise<{ message: SimMessage; response: DriverResponse }> {
    return this.customerSays(channel, user, text, opts);
  }

  /** A person uploads files (named `fileNames`) with a comment, then Slack tells the app: `file_share`. */
  async sharesFiles(
    channel: string,
    user: string,
    text: string,
    fileNames: string[],
    opts: { thread_ts?: string; event?: EventOptions } = {},
  ): Promise<{ message: SimMessage; response: DriverResponse }> {
    const message = structuredClone(
      shareFilesAsUser(this.state(), channel, user, text, fileNames, opts),
    );
    return { message, response: await this.message(message, channel, opts.event) };
  }

  /** A person edits their message: `message_changed`. */
  async messageChanged(
    channel: string,
    ts: string,
    text: string,
    opts?: EventOptions,
  ): Promise<DriverResponse> {
    const { previous, message } = this.sim('messageChanged').editAsUser(channel, ts, text);
    return this.event(messageChangedEvent(this.state(), previous, message, this.eventTs()), opts);
  }

  /**
   * A person deletes a message: `message_deleted`, or, for a thread's root that has replies,
   * the `message_changed` to a tombstone that Slack sends instead.
   */
  async messageDeleted(channel: string, ts: string, opts?: EventOptions): Promise<DriverResponse> {
    const previous = this.sim('messageDeleted').deleteAsUser(channel, ts);
    const tombstone = previous.thread_ts === previous.ts && previous.reply_count > 0;
    const build = tombstone ? tombstoneChangedEvent : messageDeletedEvent;
    return this.event(build(this.state(), previous, this.eventTs()), opts);
  }

  /** A person reacts: `reaction_added`. */
  async reactionAdded(
    channel: string,
    ts: string,
    user: string,
    name: string,
    opts?: EventOptions,
  ): Promise<DriverResponse> {
    const message = this.sim('reactionAdded').react(channel, ts, user, name, true);
    return this.event(reactionEvent(message, user, name, true, this.eventTs()), opts);
  }

  /** A person takes a reaction back: `reaction_removed`. */
  async reactionRemoved(
    channel: string,
    ts: string,
    user: string,
    name: string,
    opts?: EventOptions,
  ): Promise<DriverResponse> {
    const message = this.sim('reactionRemoved').react(channel, ts, user, name, false);
    return this.event(reactionEvent(message, user, name, false, this.eventTs()), opts);
  }

  /** Someone (the bot included) joins: `member_joined_channel`. */
  async memberJoinedChannel(
    channel: string,
    user: string,
    opts: { inviter?: string; event?: EventOptions } = {},
  ): Promise<DriverResponse> {
    this.sim('memberJoinedChannel').joinChannel(channel, user);
    const event = memberJoinedEvent(
      this.state(),
      this.channel(channel),
      user,
      this.eventTs(),
      opts.inviter,
    );
    return this.event(event, opts.event);
  }

  /** A channel appears (seed it with `sim.addChannel` first): `channel_created`. */
  async channelCreated(channel: string, opts?: EventOptions): Promise<DriverResponse> {
    return this.event(
      channelCreatedEvent(this.state(), this.channel(channel), this.eventTs()),
      opts,
    );
  }

  /** A channel is renamed: `channel_rename` (`group_rename` if private). */
  async channelRename(channel: string, name: string, opts?: EventOptions): Promise<DriverResponse> {
    this.sim('channelRename').renameChannel(channel, name);
    return this.event(channelRenameEvent(this.channel(channel), this.eventTs()), opts);
  }

  /** A person opens the app's Home (or Messages) tab: `app_home_opened`. */
  async appHomeOpened(
    user: string,
    opts: { tab?: 'home' | 'messages'; event?: EventOptions } = {},
  ): Promise<DriverResponse> {
    const state = this.state();
    const im = state.imWith(user);
    const home = state.views.get(state.homeViewIds.get(user) ?? '');
    const view = home !== undefined ? renderView(state, home) : undefined;
    return this.event(
      appHomeOpenedEvent(user, im.id, opts.tab ?? 'home', this.eventTs(), view),
      opts.event,
    );
  }

  // --- commands and interactivity ------------------------------------------------------

  /**
   * A slash command. With a simulator, `response_url` and `trigger_id` are live, and the
   * acknowledgement body is shown the way Slack shows it (an ephemeral by default).
   */
  async command(
    input: CommandInput,
  ): Promise<DriverResponse & { response_url: string; trigger_id: string }> {
    const sim = this.opts.sim;
    const context = { channel: input.channel_id, user: input.user_id };
    const full: Required<CommandInput> = {
      command: '/triage',
      text: '',
      user_name: this.payloadUser(input.user_id).name,
      channel_name: sim?.state.channels.get(input.channel_id)?.name ?? 'channel',
      response_url: sim?.responseUrl(context) ?? 'https://hooks.slack.test/commands/none',
      trigger_id: sim?.issueTriggerId(input.user_id) ?? this.triggerId(),
      ...input,
    };
    const res = await this.sendSigned(
      new URLSearchParams(commandForm(this.app, full)).toString(),
      'application/x-www-form-urlencoded',
    );
    if (sim !== undefined && res.status === 200 && res.body !== '') {
      applyResponse(sim.state, context, parseAck(res.body));
    }
    return { ...res, response_url: full.response_url, trigger_id: full.trigger_id };
  }

  /** A click or selection in blocks (`block_actions`), on a message or in a view. */
  async action(
    input: ActionInput,
  ): Promise<DriverResponse & { response_url?: string; trigger_id: string }> {
    const state = this.opts.sim?.state;
    const message =
      input.channel !== undefined ? state?.findMessage(input.channel, input.message_ts) : undefined;
    const view = input.view_id !== undefined ? state?.views.get(input.view_id) : undefined;
    const responseUrl =
      input.response_url ??
      (input.view_id === undefined
        ? this.opts.sim?.responseUrl({
            channel: input.channel,
            user: input.user,
            message_ts: input.message_ts,
            thread_ts: message?.thread_ts,
          })
        : undefined);
    const triggerId =
      input.trigger_id ?? this.opts.sim?.issueTriggerId(input.user) ?? this.triggerId();
    const payload = blockActionsPayload(this.app, input, {
      user: this.payloadUser(input.user),
      channelName:
        input.channel !== undefined ? state?.channels.get(input.channel)?.name : undefined,
      message:
        message !== undefined && state !== undefined ? renderMessage(state, message) : undefined,
      view: view !== undefined && state !== undefined ? renderView(state, view) : undefined,
      response_url: responseUrl,
      trigger_id: triggerId,
      actionTs: this.eventTs(),
    });
    const res = await this.sendPayload(payload);
    return { ...res, response_url: responseUrl, trigger_id: triggerId };
  }

  /**
   * A message shortcut (the message's ⋯ menu), on a message the simulator holds: the payload
   * carries the message as Slack renders it (with `thread_ts` for a reply) and a live trigger id.
   */
  async messageShortcut(
    input: MessageShortcutInput,
  ): Promise<DriverResponse & { trigger_id: string }> {
    const sim = this.opts.sim;
    const message = sim?.state.findMessage(input.channel, input.message_ts);
    if (sim === undefined || message === undefined) {
      throw new Error('SlackDriver.messageShortcut needs a simulator holding the message');
    }
    const triggerId = input.trigger_id ?? sim.issueTriggerId(input.user);
    const payload = messageShortcutPayload(this.app, input, {
      user: this.payloadUser(input.user),
      channelName: sim.state.channels.get(input.channel)?.name,
      message: renderMessage(sim.state, message),
      response_url: sim.responseUrl({ channel: input.channel, user: input.user }),
      trigger_id: triggerId,
      actionTs: this.eventTs(),
    });
    const res = await this.sendPayload(payload);
    return { ...res, trigger_id: triggerId };
  }

  /**
   * A modal's submit button (`view_submission`). With a simulator and `view_id`, the
   * ack's `response_action` is applied: errors are recorded, update/push/clear change the
   * modal stack, and otherwise the modal closes.
   */
  async viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse> {
    const state = this.opts.sim?.state;
    const stored = input.view_id !== undefined ? state?.views.get(input.view_id) : undefined;
    const view =
      stored !== undefined && state !== undefined ? renderView(state, stored) : input.view;
    if (view === undefined)
      throw new Error('SlackDriver.viewSubmission needs view_id (with a simulator) or view');
    const triggerId =
      input.trigger_id ?? this.opts.sim?.issueTriggerId(input.user) ?? this.triggerId();
    const payload = viewSubmissionPayload(
      this.app,
      this.payloadUser(input.user),
      view,
      input.values ?? {},
      triggerId,
    );
    const res = await this.sendPayload(payload);
    if (state !== undefined && stored !== undefined && res.status === 200) {
      applyViewAck(state, stored, res.body === '' ? {} : parseAck(res.body));
    }
    return res;
  }
}

/** A Bolt ack body: JSON from `ack({...})`, plain text from `ack('...')`. */
function parseAck(body: string): Json {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) return parsed as Json;
  } catch {
    // plain text
  }
  return { text: body };
}
