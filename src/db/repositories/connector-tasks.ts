import { createHash, randomUUID } from 'node:crypto';
import type { HistoryEntry } from '../../requests/request.js';
import {
  isDuplicateKey,
  parseConnectorTask,
  parseRequest,
  type ConnectorOutboxTask,
  type ConnectorTaskDoc,
  type Models,
  type RequestDoc,
} from '../models/index.js';
import { leaseDue } from './lease.js';
import { orNull } from './parse.js';

/** How long one instance holds a task it is carrying out before another may take it over. */
export const TASK_LEASE_MS = 60_000;

/** A new task; `key` makes its id a function of what asked for it (a message asked twice). */
export function connectorTask(
  input: Omit<ConnectorOutboxTask, 'id'>,
  key?: string,
): ConnectorOutboxTask {
  const id = key
    ? createHash('sha256').update(`${input.kind}:${key}`).digest('hex').slice(0, 32)
    : randomUUID();
  return { ...input, id };
}

/** The ticket a create task made, recorded on its request. */
export interface TicketMadeThere {
  id: string;
  url: string;
  status: string;
  connectorId: string;
  createdBy: string;
  /** The closed ticket it follows up, which it replaces on the request. */
  followUpOf?: string | null;
}

/**
 * Helpdesk tasks: waiting on requests (`connectorTasks`, written in the same update as what
 * asks for them) and then carried out from `connector_tasks` (unique `taskId`: moving one twice
 * stores it once), leased by one instance at a time and retried with backoff.
 */
export class ConnectorTasks {
  constructor(private readonly models: Models) {}

  /**
   * Records a ticket asked for and queues its create, in one update: only while the request has
   * no ticket and no intent under way (a failed one may be asked for again). With `refusal`
   * the intent is recorded as failed at once (nothing to send). With `followUpOf` (a follow-up
   * ticket) only while the request's ticket is still that one. Null: not now.
   */
  async askTicket(
    requestId: RequestDoc['_id'],
    task: ConnectorOutboxTask,
    entry: HistoryEntry,
    refusal?: string,
    followUpOf: string | null = null,
  ): Promise<RequestDoc | null> {
    const intent = {
      id: task.id,
      connectorId: task.connectorId,
      at: task.at,
      by: task.by,
      state: refusal ? 'failed' : 'pending',
      error: refusal ?? null,
      followUpOf,
    };
    const push = refusal ? { history: entry } : { connectorTasks: task, history: entry };
    return this.models.requests
      .findOneAndUpdate(
        {
          _id: requestId,
          ...(followUpOf ? { 'ticket.id': followUpOf } : { ticket: null }),
          $or: [{ ticketIntent: null }, { 'ticketIntent.state': 'failed' }],
        },
        { $set: { ticketIntent: intent }, $push: push },
        { returnDocument: 'after' },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** Queues a task on a request unless it waits there already (the same key asked again). */
  async queue(requestId: RequestDoc['_id'], task: ConnectorOutboxTask): Promise<void> {
    await this.models.requests.updateOne(
      { _id: requestId, 'connectorTasks.id': { $ne: task.id } },
      { $push: { connectorTasks: task } },
      { timestamps: false },
    );
  }

  /** Moves up to `limit` requests' waiting tasks to `connector_tasks`; returns how many requests. */
  async drain(now: Date, limit: number): Promise<number> {
    const docs = await this.models.requests
      .find({ 'connectorTasks.id': { $exists: true } })
      .limit(limit)
      .lean();
    const requests = docs.map(parseRequest);
    const tasks = requests.flatMap((request) =>
      request.connectorTasks.map((task) => ({
        teamId: request.teamId,
        taskId: task.id,
        requestId: String(request._id),
        connectorId: task.connectorId,
        kind: task.kind,
        by: task.by,
        payload: task.payload,
        nextAttemptAt: now,
      })),
    );
    if (tasks.length > 0) {
      try {
        await this.models.connectorTasks.insertMany(tasks, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await this.models.requests.bulkWrite(
        requests.map((request) => ({
          updateOne: {
            filter: { _id: request._id },
            update: { $pullAll: { connectorTasks: request.connectorTasks } },
            timestamps: false,
          },
        })),
      );
    }
    return requests.length;
  }

  /**
   * Takes up to `limit` due tasks for `TASK_LEASE_MS` and counts their attempts (`leaseDue`: of
   * two instances that read the same state, one carries it out).
   */
  async lease(now: Date, limit: number): Promise<ConnectorTaskDoc[]> {
    const { connectorTasks: model, claims } = this.models;
    const target = { model, claims, parse: parseConnectorTask };
    const claim = { prefix: 'connector-task', idOf: (task: ConnectorTaskDoc) => task.taskId };
    return leaseDue(target, claim, now, limit, TASK_LEASE_MS);
  }

  /** Records an attempt's outcome and lets go of the lease. */
  async settle(
    task: ConnectorTaskDoc,
    outcome: {
      status: ConnectorTaskDoc['status'];
      nextAttemptAt?: Date;
      ambiguous?: boolean;
      error?: string;
    },
  ): Promise<void> {
    await this.models.connectorTasks.updateOne(
      { _id: task._id },
      {
        $set: {
          status: outcome.status,
          lockedUntil: null,
          lastError: outcome.error ?? null,
          ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.ambiguous ? { ambiguous: true } : {}),
        },
      },
    );
  }

  /** A task's request as stored now. */
  async request(task: ConnectorTaskDoc): Promise<RequestDoc | null> {
    const doc = await this.models.requests.findById(task.requestId).lean();
    return orNull(parseRequest)(doc);
  }

  /**
   * Records the ticket a create made, once (a follow-up in place of the ticket it follows up):
   * null when it was recorded already.
   */
  async ticketMade(
    requestId: string,
    intentId: string,
    made: TicketMadeThere,
    at: Date,
  ): Promise<RequestDoc | null> {
    const ticket = { ...made, followUpOf: made.followUpOf ?? null, createdAt: at };
    const entry = { at, type: 'ticket', to: made.id, by: made.createdBy };
    const before = made.followUpOf ? { 'ticket.id': made.followUpOf } : { ticket: null };
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId, 'ticketIntent.id': intentId, ...before },
        { $set: { ticket, ticketIntent: null }, $push: { history: entry } },
        { returnDocument: 'after' },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** Records that a create was given up, and why. */
  async ticketFailed(
    requestId: string,
    intentId: string,
    error: string,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: requestId, 'ticketIntent.id': intentId },
        { $set: { 'ticketIntent.state': 'failed', 'ticketIntent.error': error } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean()
      .then(orNull(parseRequest));
  }

  /** The request a helpdesk ticket belongs to. */
  async byTicket(connectorId: string, ticketId: string): Promise<RequestDoc | null> {
    const doc = await this.models.requests
      .findOne({ 'ticket.connectorId': connectorId, 'ticket.id': ticketId })
      .lean();
    return orNull(parseRequest)(doc);
  }

  /** Notes a ticket's last known status on its request. */
  async ticketStatus(requestId: RequestDoc['_id'], status: string): Promise<void> {
    await this.models.requests.updateOne(
      { _id: requestId },
      { $set: { 'ticket.status': status } },
      { timestamps: false },
    );
  }

  /** The tasks of a request (tests and operators). */
  async ofRequest(requestId: string): Promise<ConnectorTaskDoc[]> {
    const docs = await this.models.connectorTasks.find({ requestId }).sort({ createdAt: 1 }).lean();
    return docs.map(parseConnectorTask);
  }
}
