import type { QueryFilter } from 'mongoose';
import { z } from 'zod';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { overdueFilter } from '../../sla/catch-up.js';
import { RequestDocument, type Models, type RequestDoc } from '../models/index.js';
import { requests } from './parse.js';

/**
 * Who a list of live requests is for: one assignee, nobody, or anyone but one person (in some
 * channels only, with `in`).
 */
export type AssigneeFilter =
  { is: string } | { none: true } | { not: string; in?: readonly string[] };

/** A page of requests and how many match in all. */
export interface RequestPage {
  docs: RequestDoc[];
  total: number;
}

const Overdue = RequestDocument.pick({ _id: true, status: true, firstResponseAt: true, sla: true });

/** Lists of requests (App Home, `/triage requests`, the catch-up job), each read parsed. */
export class RequestLists {
  constructor(private readonly models: Models) {}

  /** A workspace's live requests for an assignee filter, oldest first, with the full count. */
  async live(teamId: string, who: AssigneeFilter, limit: number): Promise<RequestPage> {
    const filter = liveFilter(teamId, who);
    const [docs, total] = await Promise.all([
      this.find(filter, { createdAt: 1, _id: 1 }, limit),
      this.models.requests.countDocuments(filter),
    ]);
    return { docs, total };
  }

  /** The channels holding a workspace's live requests for an assignee filter. */
  async liveChannels(teamId: string, who: AssigneeFilter): Promise<string[]> {
    const ids: unknown[] = await this.models.requests.distinct(
      'channelId',
      liveFilter(teamId, who),
    );
    return z.array(z.string()).parse(ids);
  }

  /** A channel's live requests, newest first, with the full count; of a severity, with all of some tags. */
  async liveInChannel(
    teamId: string,
    channelId: string,
    limit: number,
    match: { severity?: string; tags?: readonly string[] } = {},
  ): Promise<RequestPage> {
    const filter = {
      teamId,
      channelId,
      status: { $in: [...LIVE_STATUSES] },
      ...(match.severity ? { severity: match.severity } : {}),
      ...(match.tags?.length ? { tags: { $all: [...match.tags] } } : {}),
    };
    const docs = await this.find(filter, { createdAt: -1 }, limit);
    const total =
      docs.length < limit ? docs.length : await this.models.requests.countDocuments(filter);
    return { docs, total };
  }

  /** Requests with an SLA deadline passed and no breach recorded (`overdueFilter`). */
  async overdue(now: Date, limit: number) {
    const projection = { status: 1, firstResponseAt: 1, sla: 1 };
    const docs = await this.models.requests
      .find(overdueFilter(now), projection)
      .limit(limit)
      .lean();
    return docs.map((doc) => Overdue.parse(doc));
  }

  /** Requests with a breach recorded before `before` whose alert is still pending. */
  alertsPending(before: Date, limit: number): Promise<RequestDoc[]> {
    const breachedBefore = [
      { 'sla.responseBreachedAt': { $lt: before } },
      { 'sla.closureBreachedAt': { $lt: before } },
    ];
    return this.find({ 'sla.alertsPending.0': { $exists: true }, $or: breachedBefore }, {}, limit);
  }

  /**
   * Live requests created before `before` with no card, none deleted on purpose, and no claim
   * made since `before`.
   */
  withoutCard(before: Date, limit: number): Promise<RequestDoc[]> {
    const filter = {
      status: { $in: LIVE_STATUSES },
      'triage.ts': null,
      'triage.deletedAt': null,
      createdAt: { $lt: before },
      $or: [{ 'triage.claimedAt': null }, { 'triage.claimedAt': { $lt: before } }],
    };
    return this.find(filter, {}, limit);
  }

  private async find(
    filter: QueryFilter<RequestDoc>,
    sort: Record<string, 1 | -1>,
    limit: number,
  ): Promise<RequestDoc[]> {
    return requests(await this.models.requests.find(filter).sort(sort).limit(limit).lean());
  }
}

function liveFilter(teamId: string, who: AssigneeFilter): QueryFilter<RequestDoc> {
  const assigneeId = 'is' in who ? who.is : 'none' in who ? null : { $nin: [null, who.not] };
  const channels = 'not' in who && who.in ? { channelId: { $in: [...who.in] } } : {};
  return { teamId, status: { $in: [...LIVE_STATUSES] }, assigneeId, ...channels };
}
