import type { TicketStatus } from '../../requests/internal-ticket.js';
import {
  isDuplicateKey,
  parseCounter,
  parseInternalTicket,
  type InternalTicketDoc,
  type Models,
  type RequestDoc,
} from '../models/index.js';
import { isDocumentId, orNull, requestOrNull } from './parse.js';

const ticketOrNull = orNull(parseInternalTicket);

/** What a new ticket is made of (the number, status and history are the store's). */
export type NewTicket = Pick<
  InternalTicketDoc,
  'teamId' | 'requestId' | 'viewId' | 'type' | 'tags' | 'severity' | 'fields' | 'summary'
> & { createdBy: string; createdAt: Date };

/** Internal tickets (`src/requests/internal-ticket.ts` decides; this writes). */
export class InternalTicketStore {
  constructor(private readonly models: Models) {}

  byKey(id: string): Promise<InternalTicketDoc | null> {
    if (!isDocumentId(id)) return Promise.resolve(null);
    return this.models.internalTickets.findById(id).lean().then(ticketOrNull);
  }

  /** A request's tickets, in the order they were raised. */
  async ofRequest(request: Pick<RequestDoc, 'internalTicketIds'>): Promise<InternalTicketDoc[]> {
    if (request.internalTicketIds.length === 0) return [];
    const docs = await this.models.internalTickets
      .find({ _id: { $in: request.internalTicketIds } })
      .sort({ number: 1 })
      .lean();
    return docs.map(parseInternalTicket);
  }

  /**
   * Stores a ticket once per modal: a submission whose view id already made one (Slack retried
   * it) answers that ticket with `created: false`. The number comes from the workspace's counter
   * (`$inc`, so two tickets at once get two numbers; a lost race on the view id wastes one).
   */
  async create(input: NewTicket): Promise<{ created: boolean; ticket: InternalTicketDoc }> {
    const existing = await this.byView(input.teamId, input.viewId);
    if (existing) return { created: false, ticket: existing };
    const number = await this.nextNumber(input.teamId);
    const history = [{ status: 'open' as const, by: input.createdBy, at: input.createdAt }];
    try {
      const doc = await this.models.internalTickets.create({ ...input, number, history });
      return { created: true, ticket: parseInternalTicket(doc.toObject()) };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const won = await this.byView(input.teamId, input.viewId);
      if (!won) throw error;
      return { created: false, ticket: won };
    }
  }

  /** Links a ticket to its request (the request keeps its tickets' ids). */
  linkToRequest(requestId: string, ticketId: string): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId },
        { $addToSet: { internalTicketIds: ticketId } },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /** Where the ticket's message is. */
  async posted(id: InternalTicketDoc['_id'], channelId: string, ts: string): Promise<void> {
    await this.models.internalTickets.updateOne({ _id: id }, { $set: { post: { channelId, ts } } });
  }

  /**
   * Moves a ticket whose status is still `from` (what the decision read) to `to`, with a history
   * entry; null when another click moved it meanwhile.
   */
  setStatus(
    id: InternalTicketDoc['_id'],
    from: TicketStatus,
    to: TicketStatus,
    by: string,
    at: Date,
  ): Promise<InternalTicketDoc | null> {
    return this.models.internalTickets
      .findOneAndUpdate(
        { _id: id, status: from },
        { $set: { status: to }, $push: { history: { status: to, by, at } } },
        { returnDocument: 'after' },
      )
      .lean()
      .then(ticketOrNull);
  }

  private byView(teamId: string, viewId: string): Promise<InternalTicketDoc | null> {
    return this.models.internalTickets.findOne({ teamId, viewId }).lean().then(ticketOrNull);
  }

  private async nextNumber(teamId: string): Promise<number> {
    const key = `internal_ticket:${teamId}`;
    const inc = () =>
      this.models.counters
        .findOneAndUpdate(
          { _id: key },
          { $inc: { seq: 1 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
    // Two first tickets at once may both try to insert the counter: the loser increments it.
    const doc = await inc().catch((error: unknown) => {
      if (isDuplicateKey(error)) return inc();
      throw error;
    });
    return parseCounter(doc).seq;
  }
}
