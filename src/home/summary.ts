import type { HomeWeek } from './week.js';
import { z } from 'zod';
import type { RequestStatus } from '../requests/request.js';
import type { NamedValue } from '../settings/primitives.js';
import type { ReviewList } from './review.js';
import type { HomeConnector } from './connectors.js';

/** A request's SLA clocks as the App Home shows them. */
export interface HomeSla {
  responseDueAt: Date | null;
  responseBreachedAt: Date | null;
  closureDueAt: Date | null;
  closureBreachedAt: Date | null;
  pausedAt: Date | null;
}

/** One live request as the App Home shows it: plain data, already loaded. */
export interface HomeRequest {
  id: string;
  channelId: string;
  rootTs: string;
  requesterId: string;
  assigneeId: string | null;
  status: RequestStatus;
  createdAt: Date;
  firstResponseAt: Date | null;
  /** The request's text, or `null` when it must not be shown (a private channel). */
  preview: string | null;
  sla: HomeSla;
  /** Its severity and tags by the names its channel gives them (`requests.support`). */
  severity: string | null;
  tags: string[];
}

/** How a channel names severities and tags (`requests.support.severity[]`, `tags[]`). */
export interface SupportNames {
  severity: readonly NamedValue[];
  tags: readonly NamedValue[];
}

/** The first requests of a list (oldest first) and how many the list holds in all. */
export interface HomeList {
  requests: HomeRequest[];
  total: number;
}

/**
 * The viewer's saved conversation filters, offered as views, and the one chosen with its
 * requests (newest first); none chosen: the default lists.
 */
export interface HomeViews {
  filters: { id: string; name: string }[];
  chosen?: { id: string; name: string; list: HomeList };
}

/** The published Home's `private_metadata`: the chosen view's id, kept across refreshes. */
const ChosenView = z.string().regex(/^[0-9a-f]{24}$/);

/** The view chosen on a published Home (its `private_metadata`), if any. */
export function chosenViewOf(view: { private_metadata?: string } | undefined): string | undefined {
  const parsed = ChosenView.safeParse(view?.private_metadata);
  return parsed.success ? parsed.data : undefined;
}

export interface AppHomeInput {
  assigned: HomeList;
  unassigned: HomeList;
  /**
   * Live requests assigned to other agents; present only with `appHomeOwnerFilters`. The seed
   * describes that setting only as "filters in the app home for request owners"; we read it as:
   * let an owner (an agent) also see what the other owners hold, as a third list.
   */
  others?: HomeList;
  /** The viewer's week (their numbers, or the team's), against the week before. */
  week?: HomeWeek;
  /** The viewer's availability, when they are an agent (have a role record). */
  availability?: 'online' | 'busy' | 'offline';
  /** The viewer's saved filters as views, when they saved some (agents only hold filters). */
  views?: HomeViews;
  /**
   * Messages kept for review (`store_non_suggested_request`), for the support side and admins
   * only; absent for anyone else and when there are none.
   */
  review?: ReviewList;
  /** The workspace's connectors, for workspace admins only (`home/connectors.ts`). */
  connectors?: HomeConnector[];
}

/** A stored request as the App Home reads it. */
export interface StoredHomeRequest extends Omit<
  HomeRequest,
  'id' | 'preview' | 'sla' | 'severity' | 'tags'
> {
  _id: { toString(): string };
  text: string;
  sla?: Partial<HomeSla> | null;
  severity?: string | null;
  tags?: string[];
}

/**
 * Whether requests of a channel may show their text: a public channel's always, a private one's
 * only when its settings allow it (`channelPrivacy`: `show_private_message_previews`, and never
 * under `hidePrivateChannelMetadata`); a channel the bot has no record of never (we cannot tell
 * whether it is private).
 *
 * @example
 * showsPreview({ isPrivate: true }, false); // false
 * showsPreview(undefined, true); // false
 */
export function showsPreview(
  channel: { isPrivate: boolean } | undefined,
  showPrivatePreviews: boolean,
): boolean {
  if (!channel) return false;
  return !channel.isPrivate || showPrivatePreviews;
}

const NO_SLA: HomeSla = {
  responseDueAt: null,
  responseBreachedAt: null,
  closureDueAt: null,
  closureBreachedAt: null,
  pausedAt: null,
};

/**
 * The App Home's lists from the loaded requests and counts: each request as shown, its text only
 * where `previews` (channel id → may show) allows, its severity and tags by its channel's `names`
 * (a value the channel no longer lists keeps its stored value), its missing SLA clocks as unset.
 * `others` is present only when it was loaded (`appHomeOwnerFilters`).
 */
export function homeSummary(
  lists: Record<'assigned' | 'unassigned', { docs: StoredHomeRequest[]; total: number }> & {
    others?: { docs: StoredHomeRequest[]; total: number };
  },
  previews: ReadonlyMap<string, boolean>,
  names: ReadonlyMap<string, SupportNames> = new Map(),
): AppHomeInput {
  const toList = (list: { docs: StoredHomeRequest[]; total: number }) =>
    homeList(list, previews, names);
  return {
    assigned: toList(lists.assigned),
    unassigned: toList(lists.unassigned),
    ...(lists.others ? { others: toList(lists.others) } : {}),
  };
}

/** One list of stored requests as the App Home shows them (see `homeSummary`). */
export function homeList(
  list: { docs: StoredHomeRequest[]; total: number },
  previews: ReadonlyMap<string, boolean>,
  names: ReadonlyMap<string, SupportNames> = new Map(),
): HomeList {
  const nameOf = (values: readonly NamedValue[] | undefined, value: string) =>
    values?.find((v) => v.value === value)?.name ?? value;
  return {
    total: list.total,
    requests: list.docs.map((doc) => ({
      id: String(doc._id),
      channelId: doc.channelId,
      rootTs: doc.rootTs,
      requesterId: doc.requesterId,
      assigneeId: doc.assigneeId,
      status: doc.status,
      createdAt: doc.createdAt,
      firstResponseAt: doc.firstResponseAt,
      preview: previews.get(doc.channelId) ? doc.text : null,
      sla: { ...NO_SLA, ...doc.sla },
      severity: doc.severity ? nameOf(names.get(doc.channelId)?.severity, doc.severity) : null,
      tags: (doc.tags ?? []).map((tag) => nameOf(names.get(doc.channelId)?.tags, tag)),
    })),
  };
}
