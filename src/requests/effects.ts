import type { Features } from '../settings/features.js';
import { LIVE_STATUSES, STATUS_LABEL } from './lifecycle.js';
import type { RequestStatus } from './request.js';
import { actorMention, userMention } from '../text/mrkdwn.js';

/** The request settings the effects of a change depend on. */
export type RequestConfig = Features['requests']['config'];

/** What the effects read of a request. */
export interface RequestFacts {
  channelId: string;
  rootTs: string;
  requesterId: string;
  status: RequestStatus;
  assigneeId: string | null;
}

/** What the effects read of the request's channel. */
export interface ChannelFacts {
  csmUserId?: string | null;
  triageChannelId?: string | null;
}

/** A request moment whose hooks run (`services/requests/hooks.ts`). */
export type HookMoment = 'created' | 'changed';

/**
 * One thing people see follow a request's creation or change, in the order it is applied.
 * `step` names the Slack call in the logs when it fails.
 */
export type Effect =
  /** `ensure`: post the triage card unless it exists; `refresh`: redraw it (posting it if missing). */
  | { kind: 'card'; mode: 'ensure' | 'refresh' }
  /** The status mark on the customer's message: `from`'s removed, `to`'s added. */
  | { kind: 'mark'; from?: RequestStatus; to: RequestStatus }
  | { kind: 'post'; step: string; channel: string; threadTs?: string; text: string; asCsm?: true }
  | {
      kind: 'ephemeral';
      step: string;
      channel: string;
      user: string;
      threadTs?: string;
      text: string;
    }
  | { kind: 'hooks'; moment: HookMoment };

/**
 * Whether a request's triage card is still to be posted: not posted yet, and not deleted by
 * triage clean-up (a cleaned-up card of a request that is no longer live stays gone).
 */
export function cardToPost(request: {
  status: RequestStatus;
  triage: { ts: string | null; deletedAt: Date | null };
}): boolean {
  if (request.triage.ts) return false;
  return !request.triage.deletedAt || LIVE_STATUSES.includes(request.status);
}

/**
 * What a triage card shows of its request: two requests with the same version draw the same
 * card. Every change a card shows (status, assignee, text, ticket, grouping, AI suggestion) changes it.
 */
export function cardVersion(request: {
  status: RequestStatus;
  assigneeId: string | null;
  text: string;
  ticket?: { id: string } | null;
  groupedTs: readonly string[];
  history: readonly unknown[];
  aiSuggestion?: { state: string } | null;
}): string {
  return JSON.stringify([
    request.status,
    request.assigneeId,
    request.text,
    request.ticket?.id ?? null,
    request.groupedTs.length,
    request.history.length,
    request.aiSuggestion?.state ?? null,
  ]);
}

/** The thread link in an assignee's DM. */
function threadLink(request: RequestFacts): string {
  return `https://slack.com/archives/${request.channelId}/p${request.rootTs.replace('.', '')}`;
}

/**
 * Telling a new assignee: a DM (send_assigned_to_notification_to_user) and, when the bot
 * assigned them, an ephemeral in the thread (send_auto_assigned_ephemeral).
 */
export function assignedEffects(
  request: RequestFacts,
  automatic: boolean,
  config: RequestConfig,
): Effect[] {
  const assignee = request.assigneeId;
  if (!assignee) return [];
  const effects: Effect[] = [];
  if (config.send_assigned_to_notification_to_user) {
    effects.push({
      kind: 'post',
      step: 'assigned_dm',
      channel: assignee,
      text: `You were assigned a request from ${userMention(request.requesterId)} in <#${request.channelId}>: <${threadLink(request)}|view thread>`,
    });
  }
  if (automatic && config.send_auto_assigned_ephemeral) {
    effects.push({
      kind: 'ephemeral',
      step: 'auto_assigned_ephemeral',
      channel: request.channelId,
      user: assignee,
      threadTs: request.rootTs,
      text: `You were automatically assigned this request from ${userMention(request.requesterId)}.`,
    });
  }
  return effects;
}

/**
 * What follows a new request: the triage card, the status mark, the auto-response, the CSM's
 * heads-up, the channel's first-request notice, the assignee's notices, then the `created` hooks.
 */
export function effectsOfCreation(
  request: RequestFacts,
  channel: ChannelFacts,
  firstInChannel: boolean,
  config: RequestConfig,
): Effect[] {
  const effects: Effect[] = [{ kind: 'card', mode: 'ensure' }];
  if (config.add_emojis_on_request_thread) effects.push({ kind: 'mark', to: request.status });
  if (config.auto_respond_to_requests) {
    effects.push({
      kind: 'post',
      step: 'auto_respond',
      channel: request.channelId,
      threadTs: request.rootTs,
      text: config.message_for_auto_respond_to_requests,
      ...(config.use_csm_avatar_for_auto_respond_to_requests ? { asCsm: true as const } : {}),
    });
  }
  if (config.send_request_detected_ephemeral_to_csm && channel.csmUserId) {
    effects.push({
      kind: 'ephemeral',
      step: 'csm_ephemeral',
      channel: request.channelId,
      user: channel.csmUserId,
      text: `New request from ${userMention(request.requesterId)} detected in this channel.`,
    });
  }
  if (config.send_first_request_notification && firstInChannel && channel.triageChannelId) {
    effects.push({
      kind: 'post',
      step: 'first_request',
      channel: channel.triageChannelId,
      text: `:tada: First request from <#${request.channelId}>.`,
    });
  }
  effects.push(...assignedEffects(request, true, config), { kind: 'hooks', moment: 'created' });
  return effects;
}

/** A redelivered opening: what the first attempt may not have finished (all idempotent). */
export const EFFECTS_OF_REDELIVERY: readonly Effect[] = [
  { kind: 'card', mode: 'ensure' },
  { kind: 'hooks', moment: 'created' },
];

/**
 * What follows a change made `by` someone (a user id, or `bot`): the card redrawn; on a new
 * status, the marks swapped and a notice in the thread naming who moved it (nobody when the bot
 * or the customer did); a new assignee told; then the `changed` hooks.
 */
export function effectsOfChange(
  before: RequestFacts,
  after: RequestFacts,
  by: string,
  config: RequestConfig,
): Effect[] {
  const effects: Effect[] = [{ kind: 'card', mode: 'refresh' }];
  if (before.status !== after.status) {
    if (config.add_emojis_on_request_thread) {
      effects.push({ kind: 'mark', from: before.status, to: after.status });
    }
    if (config.send_status_updates_on_request_thread) {
      const who = by === 'bot' || by === after.requesterId ? '' : ` by ${actorMention(by)}`;
      effects.push({
        kind: 'post',
        step: 'status_update',
        channel: after.channelId,
        threadTs: after.rootTs,
        text: `This request is now *${STATUS_LABEL[after.status]}*${who}.`,
      });
    }
  }
  if (after.assigneeId && after.assigneeId !== before.assigneeId) {
    effects.push(...assignedEffects(after, by === 'bot', config));
  }
  effects.push({ kind: 'hooks', moment: 'changed' });
  return effects;
}
