import type { Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';

/**
 * The request's triage card as stored on it (`triage.*`): claimed once, posted, adopted, and
 * unlinked by clean-up. Each is one conditional single-document update.
 */
export class TriageCardStore {
  constructor(private readonly models: Models) {}

  /**
   * Claims the right to post the triage notification (only one instance posts it). Returns
   * `null` when another holder's claim is live, else the request as claimed and when the previous
   * (stale) claim was made: a non-null date means an earlier holder may have posted the card and
   * died before storing it.
   */
  async claim(
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
      .lean()
      .then(requestOrNull);
    if (!before) return null;
    // The update set only the claim, so the request as claimed follows from before.
    const request = { ...before, triage: { ...before.triage, claimedAt: at } };
    return { previousClaim: before.triage.claimedAt, request };
  }

  async posted(id: RequestDoc['_id'], channelId: string, ts: string): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id },
      { $set: { 'triage.channelId': channelId, 'triage.ts': ts } },
    );
  }

  async releaseClaim(id: RequestDoc['_id']): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id, 'triage.ts': null },
      { $set: { 'triage.claimedAt': null } },
    );
  }

  /**
   * Unlinks a closed request's card (and marks it deleted, so later updates do not post it
   * again) when the request is still closed by the same close and still has that card. One
   * conditional update: a transition racing with it either comes first (and this changes
   * nothing) or after (and finds the card unlinked, so a reopening posts a fresh one).
   */
  async unlink(request: RequestDoc, ts: string, at: Date): Promise<boolean> {
    const { _id, closedAt } = request;
    const unlinked = await this.models.requests.updateOne(
      { _id, status: 'closed', closedAt, 'triage.ts': ts },
      {
        $set: { 'triage.ts': null, 'triage.claimedAt': null, 'triage.deletedAt': at },
        $push: { history: { at, type: 'triage_deleted', from: ts, to: null, by: 'bot' } },
      },
    );
    return unlinked.modifiedCount === 1;
  }
}
