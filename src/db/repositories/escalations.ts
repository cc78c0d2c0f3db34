import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import type { Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';

/** A request's escalations (`src/requests/escalation.ts` decides; this writes). */
export class EscalationStore {
  constructor(private readonly models: Models) {}

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
      .lean()
      .then(requestOrNull);
  }
}
