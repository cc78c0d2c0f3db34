import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { InsertAbandoned, InsertBatcher } from '../db/insert-batcher.js';
import type { SlackEventModel } from '../db/models/slack-event.js';
import { databaseReachable } from '../db/reachability.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** How long a stored event belongs to the instance that took it before another may take over. */
export const LEASE_MS = 60_000;
/**
 * How long storing an event may take before it is refused (a 5xx, and Slack retries). Slack
 * waits 3 s; the rest is Bolt, HTTP and a busy machine. The driver's own limits are longer: an
 * insert issued while it still counts a dead server as up waits out server selection (5 s), one
 * on a connection that stopped answering waits for the monitor's timeout (5–10 s).
 */
const STORE_BUDGET_MS = 1_500;

/**
 * The storing half of the inbox (`event-inbox.ts`): a delivery is admitted when its insert lands
 * (inserts arriving together share one write) or when it takes over an attempt whose lease ran
 * out. A store that takes too long is refused; its write may still land, and then nobody is
 * processing the stored event: Slack's retry takes it over when it reaches this instance (which
 * remembers the lease that write set), else the event runs once its lease has run out.
 */
export class EventStore {
  /** Refused events whose write may have landed: the lease ids it set, kept for a lease's time. */
  private readonly unconfirmed = new Map<string, { leaseIds: string[]; until: number }>();
  private readonly inserts: InsertBatcher;
  private storing = 0;

  constructor(
    private readonly db: Connection,
    private readonly events: SlackEventModel,
    private readonly logger: Logger,
    /** True when this instance is already processing the event (a duplicate delivery). */
    private readonly isQueued: (eventId: string) => boolean,
  ) {
    this.inserts = new InsertBatcher(() => events.collection);
  }

  /** How many deliveries are being stored right now (their acks are waiting). */
  get admitting(): number {
    return this.storing;
  }

  /** True when this delivery should be processed (first time, or taking over a dead attempt). */
  async admit(eventId: string, body: Record<string, unknown>): Promise<boolean> {
    if (!databaseReachable(this.db)) {
      // Refused at once (a 5xx) so Slack delivers it again once the database is back.
      throw new AppError('database_unavailable', 'database unavailable');
    }
    const deadline = AbortSignal.timeout(STORE_BUDGET_MS);
    this.storing++;
    try {
      return await this.store(eventId, body, deadline);
    } catch (error) {
      if (!deadline.aborted) throw error;
      this.logger.warn({ eventId }, 'storing a Slack event timed out; refused, Slack retries');
      throw new AppError('database_unavailable', 'database not answering');
    } finally {
      this.storing--;
    }
  }

  private async store(
    eventId: string,
    body: Record<string, unknown>,
    deadline: AbortSignal,
  ): Promise<boolean> {
    const events = this.events;
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const leaseId = randomUUID();
    let inserted: boolean;
    try {
      inserted = await this.inserts.insert(
        {
          _id: eventId,
          teamId: typeof body.team_id === 'string' ? body.team_id : null,
          state: 'processing',
          leaseUntil,
          leaseId,
          receivedAt: now,
          payload: JSON.stringify(body), // text: see SlackEventDocument.payload
          attempts: 0,
        },
        deadline,
      );
    } catch (error) {
      if (!(error instanceof InsertAbandoned && !error.sent)) this.unconfirm(eventId, leaseId);
      throw error;
    }
    if (inserted) {
      this.unconfirmed.delete(eventId);
      return true;
    }
    if (this.isQueued(eventId)) return false;
    // Take over an attempt that died (its lease ran out) or one this instance refused.
    const mine = this.unconfirmed.get(eventId)?.leaseIds;
    const takeover = events.findOneAndUpdate(
      {
        _id: eventId,
        state: 'processing',
        $or: [{ leaseUntil: { $lt: now } }, ...(mine ? [{ leaseId: { $in: mine } }] : [])],
      },
      { $set: { leaseUntil, leaseId } },
    );
    let taken: unknown;
    try {
      taken = await beforeDeadline(takeover, deadline);
    } catch (error) {
      this.unconfirm(eventId, leaseId);
      throw error;
    }
    this.unconfirmed.delete(eventId);
    return taken !== null;
  }

  /** Remembers a lease a refused delivery's write may have taken. */
  private unconfirm(eventId: string, leaseId: string): void {
    const now = Date.now();
    for (const [id, entry] of this.unconfirmed) {
      if (entry.until > now) break; // oldest first; past a lease's time an expired lease does
      this.unconfirmed.delete(id);
    }
    const leaseIds = [...(this.unconfirmed.get(eventId)?.leaseIds ?? []), leaseId];
    this.unconfirmed.delete(eventId);
    this.unconfirmed.set(eventId, { leaseIds, until: now + LEASE_MS });
  }
}

/** `work`'s result, or a rejection once `deadline` aborts (`work` itself runs on). */
function beforeDeadline<T>(work: PromiseLike<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(deadline.reason);
    if (deadline.aborted) return abort();
    deadline.addEventListener('abort', abort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        deadline.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
