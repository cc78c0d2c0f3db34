import type { QueryFilter } from 'mongoose';
import type { StoredPriority } from '../../desk/conversation.js';
import type { RequestQuery } from '../../desk/filters.js';
import type { RequestStatus } from '../../requests/request.js';
import type { Models, RequestDoc } from '../models/index.js';
import { containing, requestOrNull, requests } from './parse.js';
import { outboxEvent } from './webhook-outbox.js';

/** Which requests a conversation list shows (seed 003's filters, in the bot's terms). */
export interface ConversationFilter {
  teamId: string;
  statuses: readonly RequestStatus[];
  /** Requests with any of these tags (Chatwoot's labels match any). */
  labels?: readonly string[];
  /** Words in the request's text, any case, or in a message of these requests. */
  q?: string;
  withMessages?: readonly RequestDoc['_id'][];
  /** Only these channels (a channel, or an account's channels). */
  channelIds?: readonly string[];
  severity?: string;
  /** Requests assigned to one of these people (a desk team's members). */
  assigneeIds?: readonly string[];
  /** Requests this person opened (a contact's). */
  requesterId?: string;
  since?: Date;
  until?: Date;
  /** A saved filter's conditions as a query (`filterQuery`, `src/desk/filters.ts`). */
  conditions?: RequestQuery;
}

/** Whose requests: seed 003's `assignee_type`, `me` being the token's creator. */
export type AssigneeType = 'me' | 'unassigned' | 'assigned' | 'all';

/** Seed 003's list `meta`: the filter's counts for each assignee type. */
export interface ConversationCounts {
  mine_count: number;
  unassigned_count: number;
  assigned_count: number;
  all_count: number;
}

/** Requests read and written as the desk API's conversations; each read parsed. */
export class ConversationStore {
  constructor(private readonly models: Models) {}

  /**
   * One page of the filter's requests for an assignee type, newest first, with the counts of
   * every assignee type (the same filter otherwise).
   */
  async page(
    filter: ConversationFilter,
    who: { type: AssigneeType; me: string },
    page: { number: number; size: number },
  ): Promise<{ docs: RequestDoc[]; counts: ConversationCounts }> {
    const base = baseFilter(filter);
    const assignee: Record<AssigneeType, QueryFilter<RequestDoc>> = {
      me: { assigneeId: who.me },
      unassigned: { assigneeId: null },
      assigned: { assigneeId: { $ne: null } },
      all: {},
    };
    const count = (type: AssigneeType) =>
      this.models.requests.countDocuments({ ...base, ...assignee[type] });
    const [docs, mine, unassigned, assigned, all] = await Promise.all([
      this.models.requests
        .find({ ...base, ...assignee[who.type] })
        .sort({ createdAt: -1, _id: -1 })
        .skip((page.number - 1) * page.size)
        .limit(page.size)
        .lean(),
      count('me'),
      count('unassigned'),
      count('assigned'),
      count('all'),
    ]);
    return {
      docs: requests(docs),
      counts: {
        mine_count: mine,
        unassigned_count: unassigned,
        assigned_count: assigned,
        all_count: all,
      },
    };
  }

  /** The newest requests of the workspace a saved filter's query selects, and how many in all. */
  async matching(
    teamId: string,
    conditions: RequestQuery,
    limit: number,
  ): Promise<{ docs: RequestDoc[]; total: number }> {
    const filter = { $and: [{ teamId }, conditions] } as QueryFilter<RequestDoc>;
    const [docs, total] = await Promise.all([
      this.models.requests.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean(),
      this.models.requests.countDocuments(filter),
    ]);
    return { docs: requests(docs), total };
  }

  /**
   * The most custom attribute values a request of the workspace holds: the first position
   * `customFields.<n>` no request has, found by doubling then halving (a few `exists` reads).
   */
  async customSlots(teamId: string): Promise<number> {
    const has = async (n: number) =>
      n === 0 ||
      (await this.models.requests.exists({
        teamId,
        [`customFields.${n - 1}`]: { $exists: true },
      })) !== null;
    let low = 0;
    let high = 1;
    while (await has(high)) [low, high] = [high, high * 2];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await has(mid)) low = mid;
      else high = mid;
    }
    return low;
  }

  /**
   * Sets the priority of a request whose priority is still `from` (what the caller read), with a
   * history entry; null when someone else changed it meanwhile.
   */
  priority(
    id: RequestDoc['_id'],
    from: StoredPriority | null,
    to: StoredPriority | null,
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, priority: from },
        {
          $set: { priority: to },
          $push: {
            history: { at, type: 'priority', from, to, by },
            webhookEvents: outboxEvent('conversation_updated', at),
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }
}

function baseFilter(filter: ConversationFilter): QueryFilter<RequestDoc> {
  const and: QueryFilter<RequestDoc>[] = [
    ...(filter.assigneeIds ? [{ assigneeId: { $in: [...filter.assigneeIds] } }] : []),
    ...(filter.conditions ? [filter.conditions as QueryFilter<RequestDoc>] : []),
  ];
  const created = {
    ...(filter.since ? { $gte: filter.since } : {}),
    ...(filter.until ? { $lt: filter.until } : {}),
  };
  return {
    teamId: filter.teamId,
    status: { $in: [...filter.statuses] },
    ...(filter.labels?.length ? { tags: { $in: [...filter.labels] } } : {}),
    ...(filter.q
      ? {
          $or: [{ text: containing(filter.q) }, { _id: { $in: [...(filter.withMessages ?? [])] } }],
        }
      : {}),
    ...(filter.channelIds ? { channelId: { $in: [...filter.channelIds] } } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.requesterId ? { requesterId: filter.requesterId } : {}),
    // In `$and`, so that the assignee type's own condition on assigneeId applies as well.
    ...(and.length > 0 ? { $and: and } : {}),
    ...(Object.keys(created).length > 0 ? { createdAt: created } : {}),
  };
}
