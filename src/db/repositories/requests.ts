import {
  LIVE_STATUSES,
  openedRequest,
  sourcesOf,
  statusChange,
  type NewRequest,
} from '../../requests/lifecycle.js';
import type { RequestStatus } from '../../requests/request.js';
import type { TicketMade } from '../../requests/commands.js';
import type { Models, RequestDoc } from '../models/index.js';

const DUPLICATE_KEY = 11000;
/** Compare-and-set attempts before a transition gives up to a stream of other writers. */
const MAX_ATTEMPTS = 10;

export type { NewRequest };

/**
 * Request writes. Each is one conditional single-document update, so concurrent events, Slack
 * retries and several bot instances cannot create a request twice or lose a transition.
 */
export class RequestStore {
  constructor(private readonly models: Models) {}

  /** Inserts the request; `created: false` with the stored one when it already exists. */
  async create(input: NewRequest): Promise<{ request: RequestDoc; created: boolean }> {
    try {
      const doc = await this.models.requests.create(openedRequest(input));
      return { request: doc.toObject(), created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.byRoot(input.teamId, input.channelId, input.rootTs);
      if (!existing) throw error;
      return { request: existing, created: false };
    }
  }

  byRoot(teamId: string, channelId: string, rootTs: string): Promise<RequestDoc | null> {
    return this.models.requests.findOne({ teamId, channelId, rootTs }).lean<RequestDoc>();
  }

  /** The request a thread belongs to: its root, or a grouped top-level message. */
  byThread(teamId: string, channelId: string, threadTs: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ teamId, channelId, $or: [{ rootTs: threadTs }, { groupedTs: threadTs }] })
      .lean<RequestDoc>();
  }

  byId(id: string): Promise<RequestDoc | null> {
    return this.models.requests.findById(id).lean<RequestDoc>();
  }

  /** The customer's most recent request in the channel. */
  latestOf(teamId: string, channelId: string, requesterId: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ teamId, channelId, requesterId })
      .sort({ createdAt: -1 })
      .lean<RequestDoc>();
  }

  /** The channel's newest live request no agent has answered yet. */
  newestUnanswered(teamId: string, channelId: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ teamId, channelId, status: { $in: LIVE_STATUSES }, firstResponseAt: null })
      .sort({ createdAt: -1 })
      .lean<RequestDoc>();
  }

  /** Adds a top-level message to a live request; null when it is already there (a retry) or the request is no longer live. */
  group(id: RequestDoc['_id'], ts: string, at: Date): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, groupedTs: { $ne: ts }, rootTs: { $ne: ts }, status: { $in: LIVE_STATUSES } },
        { $push: { groupedTs: ts }, $set: { lastCustomerActivityAt: at, nudgedAt: null } },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
  }

  /**
   * Records a customer's message on the request; returns the request as stored afterwards (read
   * again only when a later message was already recorded), null when it is gone.
   */
  async customerActivity(id: RequestDoc['_id'], at: Date): Promise<RequestDoc | null> {
    const after = await this.models.requests
      .findOneAndUpdate(
        { _id: id, lastCustomerActivityAt: { $lt: at } },
        { $set: { lastCustomerActivityAt: at, nudgedAt: null } },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
    return after ?? this.byId(String(id));
  }

  /**
   * Records an agent's reply; sets the first response time once (the conditional filter makes
   * the first writer win). Returns whether this reply was the first response.
   */
  async agentResponse(id: RequestDoc['_id'], agentId: string, at: Date): Promise<boolean> {
    const first = await this.models.requests.updateOne(
      { _id: id, firstResponseAt: null },
      {
        $set: { firstResponseAt: at, lastAgentActivityAt: at },
        $push: { history: { at, type: 'first_response', from: null, to: agentId, by: agentId } },
      },
    );
    if (first.modifiedCount === 1) return true;
    await this.models.requests.updateOne({ _id: id }, { $set: { lastAgentActivityAt: at } });
    return false;
  }

  /**
   * Moves a request to `to` when its current status allows it: compare-and-set on the status
   * read, retried if another writer changed it meanwhile. Null when the move is not allowed.
   */
  async transition(
    id: RequestDoc['_id'],
    to: RequestStatus,
    by: string,
    at: Date,
    extra: Record<string, unknown> = {},
  ): Promise<{ before: RequestDoc; after: RequestDoc } | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await this.byId(String(id));
      if (!before || !sourcesOf(to).includes(before.status)) return null;
      const change = statusChange(before.status, to, by, at);
      const after = await this.models.requests
        .findOneAndUpdate(
          { _id: id, status: before.status },
          { $set: { ...change.set, ...extra }, $push: { history: change.entry } },
          { returnDocument: 'after' },
        )
        .lean<RequestDoc>();
      if (after) return { before, after };
    }
    return null;
  }

  /**
   * Assigns a live request. With `onlyIfUnassigned` (auto-assignment) an existing assignee wins.
   */
  async assign(
    id: RequestDoc['_id'],
    assigneeId: string,
    by: string,
    at: Date,
    onlyIfUnassigned = false,
  ): Promise<{ before: RequestDoc; after: RequestDoc } | null> {
    const entry = { at, type: 'assign', to: assigneeId, by };
    const before = await this.models.requests
      .findOneAndUpdate(
        {
          _id: id,
          status: { $in: LIVE_STATUSES },
          assigneeId: onlyIfUnassigned ? null : { $ne: assigneeId },
        },
        { $set: { assigneeId }, $push: { history: entry } },
        { returnDocument: 'before' },
      )
      .lean<RequestDoc>();
    if (!before) return null;
    // The update changed just these two fields, so the request after it follows from before.
    const after = { ...before, assigneeId, history: [...before.history, entry] } as RequestDoc;
    return { before, after };
  }

  /** Makes a ticket from the request once; null when it already has one. */
  createTicket(id: RequestDoc['_id'], made: TicketMade): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, ticket: null },
        { $set: { ticket: made.ticket }, $push: { history: made.entry } },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
  }

  /**
   * Escalates a live request whose last escalation is at or before `lastAtOrBefore` (or that has
   * none): the decision's cool-off as the write's condition, so of two escalations at once one
   * writes and the other gets null. Records who, when and why, counts it and appends a history
   * entry (`to` is the reason).
   */
  escalate(
    id: RequestDoc['_id'],
    by: string,
    at: Date,
    lastAtOrBefore: Date,
    reason: string | null,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        {
          _id: id,
          status: { $in: LIVE_STATUSES },
          $or: [{ 'escalated.at': null }, { 'escalated.at': { $lte: lastAtOrBefore } }],
        },
        {
          $set: { 'escalated.at': at, 'escalated.by': by, 'escalated.reason': reason },
          $inc: { 'escalated.count': 1 },
          $push: { history: { at, type: 'escalation', from: null, to: reason, by } },
        },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
  }

  /**
   * Claims the right to post the triage notification (only one instance posts it). Returns
   * `null` when another holder's claim is live, else the request as claimed and when the previous
   * (stale) claim was made: a non-null date means an earlier holder may have posted the card and
   * died before storing it.
   */
  async claimNotification(
    id: RequestDoc['_id'],
    at: Date,
    staleMs = 60_000,
  ): Promise<{ previousClaim: Date | null; request: RequestDoc } | null> {
    const before = await this.models.requests
      .findOneAndUpdate(
        {
          _id: id,
          'triage.ts': null,
          $or: [
            { 'triage.claimedAt': null },
            { 'triage.claimedAt': { $lt: new Date(at.getTime() - staleMs) } },
          ],
        },
        { $set: { 'triage.claimedAt': at } },
        { returnDocument: 'before' },
      )
      .lean<RequestDoc>();
    if (!before) return null;
    // The update set only the claim, so the request as claimed follows from before.
    const request = { ...before, triage: { ...before.triage, claimedAt: at } };
    return { previousClaim: before.triage?.claimedAt ?? null, request };
  }

  async notificationPosted(id: RequestDoc['_id'], channelId: string, ts: string): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id },
      { $set: { 'triage.channelId': channelId, 'triage.ts': ts } },
    );
  }

  async releaseNotificationClaim(id: RequestDoc['_id']): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id, 'triage.ts': null },
      { $set: { 'triage.claimedAt': null } },
    );
  }

  async updateText(
    teamId: string,
    channelId: string,
    rootTs: string,
    text: string,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { teamId, channelId, rootTs },
        { $set: { text }, $push: { history: { at: new Date(), type: 'edit', by: 'customer' } } },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
  }
}
