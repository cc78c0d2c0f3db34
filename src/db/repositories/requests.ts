import {
  LIVE_STATUSES,
  openedRequest,
  sourcesOf,
  statusChange,
  type NewRequest,
} from '../../requests/lifecycle.js';
import type { HistoryEntry, RequestStatus } from '../../requests/request.js';
import type { TicketMade } from '../../requests/commands.js';
import { isDuplicateKey, parseRequest, type Models, type RequestDoc } from '../models/index.js';
import { isDocumentId, requestOrNull } from './parse.js';
import { outboxEvent } from './webhook-outbox.js';

/** Compare-and-set attempts before a transition gives up to a stream of other writers. */
const MAX_ATTEMPTS = 10;

export type { NewRequest };
export type { CountedMessage } from './request-activity.js';

/**
 * Request writes. Each is one conditional single-document update, so concurrent events, Slack
 * retries and several bot instances cannot create a request twice or lose a transition.
 */
export class RequestStore {
  constructor(private readonly models: Models) {}

  /**
   * Inserts the request; `created: false` with the stored one when it already exists.
   * `reportFacts` works out the facts the reports count for the request as it will be stored,
   * which the insert records as counted (the reports' claim, made by the insert itself).
   */
  async create(
    input: NewRequest,
    reportFacts?: (request: RequestDoc) => string | null,
  ): Promise<{ request: RequestDoc; created: boolean }> {
    try {
      const webhookEvents = [outboxEvent('conversation_created', input.at)];
      const doc = new this.models.requests({ ...openedRequest(input), webhookEvents });
      if (reportFacts) {
        // As it will be stored: `updatedAt` is set by the save, a time the facts do not read.
        const unsaved = parseRequest({ ...doc.toObject(), updatedAt: input.at });
        doc.set('reportFacts', reportFacts(unsaved));
      }
      await doc.save();
      return { request: parseRequest(doc.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.byRoot(input.teamId, input.channelId, input.rootTs);
      if (!existing) throw error;
      return { request: existing, created: false };
    }
  }

  byRoot(teamId: string, channelId: string, rootTs: string): Promise<RequestDoc | null> {
    return this.models.requests.findOne({ teamId, channelId, rootTs }).lean().then(requestOrNull);
  }

  /** The request a thread belongs to: its root, or a grouped top-level message. */
  byThread(teamId: string, channelId: string, threadTs: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ teamId, channelId, $or: [{ rootTs: threadTs }, { groupedTs: threadTs }] })
      .lean()
      .then(requestOrNull);
  }

  /** The request of a job key or a button's value; null for a string that is no request id. */
  async byKey(key: string): Promise<RequestDoc | null> {
    return isDocumentId(key) ? this.byId(key) : null;
  }

  byId(id: string): Promise<RequestDoc | null> {
    return this.models.requests.findById(id).lean().then(requestOrNull);
  }

  /**
   * What a customer's top-level message `rootTs` meets, in one read: the request it already
   * opened (a redelivery) or else the customer's latest request in the channel opened by an
   * earlier message (the one it may join). Ordered by root message, so the request `rootTs`
   * opened, if any, comes first; a message is never grouped into a request opened after it.
   */
  async openingLookup(
    teamId: string,
    channelId: string,
    rootTs: string,
    requesterId: string,
  ): Promise<{ existing: RequestDoc | null; latest: RequestDoc | null }> {
    const latest = await this.models.requests
      .findOne({ teamId, channelId, requesterId, rootTs: { $lte: rootTs } })
      .sort({ rootTs: -1 })
      .lean()
      .then(requestOrNull);
    return latest?.rootTs === rootTs
      ? { existing: latest, latest: null }
      : { existing: null, latest };
  }

  /** The channel's newest live request no agent has answered yet. */
  newestUnanswered(teamId: string, channelId: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOne({ teamId, channelId, status: { $in: LIVE_STATUSES }, firstResponseAt: null })
      .sort({ createdAt: -1 })
      .lean()
      .then(requestOrNull);
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
    reason?: string,
  ): Promise<{ before: RequestDoc; after: RequestDoc } | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await this.byId(String(id));
      if (!before || !sourcesOf(to).includes(before.status)) return null;
      const change = statusChange(before.status, to, by, at, reason);
      const after = await this.models.requests
        .findOneAndUpdate(
          { _id: id, status: before.status },
          {
            $set: { ...change.set, ...extra },
            $push: {
              history: change.entry,
              webhookEvents: outboxEvent('conversation_status_changed', at),
            },
          },
          { returnDocument: 'after' },
        )
        .lean()
        .then(requestOrNull);
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
        {
          $set: { assigneeId },
          $push: { history: entry, webhookEvents: outboxEvent('conversation_updated', at) },
        },
        { returnDocument: 'before' },
      )
      .lean()
      .then(requestOrNull);
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
      .lean()
      .then(requestOrNull);
  }

  /** Adds an entry to the request's history and nothing else (e.g. `nudge_kept_open`). */
  async note(id: RequestDoc['_id'], entry: HistoryEntry): Promise<void> {
    await this.models.requests.updateOne({ _id: id }, { $push: { history: entry } });
  }

  /** Records that the close nudge went out. */
  async nudged(id: RequestDoc['_id'], at: Date): Promise<void> {
    const entry = { at, type: 'nudge', from: null, to: null, by: 'bot' };
    await this.models.requests.updateOne(
      { _id: id },
      { $set: { nudgedAt: at }, $push: { history: entry } },
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
      .lean()
      .then(requestOrNull);
  }
}
