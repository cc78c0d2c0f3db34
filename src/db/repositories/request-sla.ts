import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { RUNNING_QUERY, type SlaKind } from '../../sla/clocks.js';
import type { Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';

type Id = RequestDoc['_id'];

/** A request's SLA clocks and breaches (`sla.*`), one conditional single-document update each. */
export class SlaStore {
  constructor(private readonly models: Models) {}

  /**
   * Starts one clock once: a redelivery or a racing writer finds the due date set (or the
   * request answered or no longer live) and changes nothing.
   */
  async start(id: Id, kind: SlaKind, due: Date | null): Promise<void> {
    const unanswered = kind === 'response' ? { firstResponseAt: null } : {};
    await this.models.requests.updateOne(
      { _id: id, status: { $in: LIVE_STATUSES }, [`sla.${kind}DueAt`]: null, ...unanswered },
      { $set: { [`sla.${kind}DueAt`]: due } },
    );
  }

  /** Drops any pause: a closed or discarded request keeps no clock. */
  async end(id: Id): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id, 'sla.pausedAt': { $ne: null } },
      { $set: { 'sla.pausedAt': null } },
    );
  }

  /** Stops a running, unbreached closure clock at `at`. */
  async pause(id: Id, at: Date): Promise<void> {
    await this.models.requests.updateOne(
      {
        _id: id,
        'sla.closureDueAt': { $ne: null },
        'sla.closureBreachedAt': null,
        'sla.pausedAt': null,
      },
      { $set: { 'sla.pausedAt': at } },
    );
  }

  /**
   * Restarts the closure clock with its due date moved to `moved`: a compare-and-set on the pause
   * read, so a racing resume or pause makes this one false (read again).
   */
  async resume(id: Id, read: { pausedAt: Date; closureDueAt: Date }, moved: Date | null) {
    const resumed = await this.models.requests.updateOne(
      { _id: id, 'sla.pausedAt': read.pausedAt, 'sla.closureDueAt': read.closureDueAt },
      { $set: { 'sla.closureDueAt': moved, 'sla.pausedAt': null } },
    );
    return resumed.modifiedCount === 1;
  }

  /**
   * Sets the breach time and puts the alert in the outbox (and, with `withHistory`, adds a
   * `sla_breach` history entry) unless the SLA stopped running meanwhile. Returns the updated
   * request, or null.
   */
  recordBreach(kind: SlaKind, id: Id, at: Date, withHistory: boolean): Promise<RequestDoc | null> {
    const entry = { at, type: 'sla_breach', from: null, to: kind, by: 'bot' };
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, ...RUNNING_QUERY[kind] },
        {
          $set: { [`sla.${kind}BreachedAt`]: at },
          $addToSet: { 'sla.alertsPending': kind },
          ...(withHistory ? { $push: { history: entry } } : {}),
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /** Takes a breach off the pending alerts once its alert went out. */
  async alertSent(id: Id, kind: SlaKind): Promise<void> {
    await this.models.requests.updateOne({ _id: id }, { $pull: { 'sla.alertsPending': kind } });
  }
}
