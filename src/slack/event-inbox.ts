import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { BotDeps } from '../deps.js';
import { errorCode } from '../errors.js';
import { EventStore, LEASE_MS } from './event-store.js';

/**
 * How long a stored event waits for acknowledgements in progress before it is processed. Under a
 * burst the acks come first (Slack's 3 s, and its retries add load); processing catches up after.
 */
const YIELD_TO_ACKS_MS = 1_000;
/** After this many failed runs an event is left for an operator (and the log). */
const MAX_ATTEMPTS = 5;
/** The context key that marks a dispatch of a stored event (its id), not a delivery. */
const STORED_EVENT = 'inboxStoredEventId';

/**
 * Slack events are stored before they are acknowledged and processed after: the ack costs one
 * insert (so it stays far under Slack's 3 s whatever the work; inserts arriving together share
 * one write, and processing steps aside briefly while acks are waiting), an event is never acked and
 * dropped (a failed insert answers 5xx and Slack retries; a failed or interrupted run is run
 * again from the stored payload), and each event id is processed once (duplicates and retries
 * find the stored id and are acknowledged without work). Storing, leases and take-overs are
 * `EventStore`'s (`event-store.ts`).
 */
export class EventInbox {
  private readonly queue: PQueue;
  private readonly queued = new Set<string>();
  private readonly store: EventStore;
  private app: App | undefined;

  constructor(
    private readonly deps: BotDeps,
    concurrency = 2,
  ) {
    this.queue = new PQueue({ concurrency });
    this.store = new EventStore(deps.db, deps.models.slackEvents, deps.logger, (eventId) =>
      this.queued.has(eventId),
    );
  }

  /**
   * Bolt global middleware. A delivery from Slack is stored and ends here: Bolt has already
   * acknowledged it (events are acked before middleware runs), and the receiver sends that ack
   * once this returns, or a 5xx when storing throws. The stored event is run later through
   * `app.processEvent` (what a receiver calls, with a no-op ack), marked in its context so that
   * this middleware passes it on to the listeners with `next()`, within its own call.
   */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ body, context, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId !== 'string' || context[STORED_EVENT] === eventId) return next();
      const payload = body as Record<string, unknown>;
      if (!(await this.store.admit(eventId, payload))) return;
      this.enqueue(eventId, payload);
    };
  }

  /** The app stored events are run through (`app.processEvent`), first runs and recovery alike. */
  attach(app: App): void {
    this.app = app;
  }

  /** Resolves when every accepted event has been processed. */
  async idle(): Promise<void> {
    await this.queue.onIdle();
  }

  /**
   * Graceful stop: events being processed finish; those still waiting stay stored and are run
   * by another instance, or this one after a restart, once their lease has run out. A long
   * backlog therefore never holds a shutdown up.
   */
  async close(): Promise<void> {
    this.queue.clear();
    await this.queue.onIdle();
  }

  /**
   * Runs events whose processing was interrupted (a crash, a failed attempt) from their stored
   * payload. Called periodically; returns how many it re-dispatched.
   */
  async recover(limit = 50): Promise<number> {
    if (!this.app) return 0;
    const stale = await this.deps.models.slackEvents
      .find({
        state: 'processing',
        leaseUntil: { $lt: new Date() },
        attempts: { $lt: MAX_ATTEMPTS },
      })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .lean();
    let count = 0;
    for (const event of stale) {
      if (this.queued.has(event._id) || !event.payload) continue;
      // Stored as text; one stored by an earlier build holds the document itself.
      const stored: unknown = event.payload;
      const body = typeof stored === 'string' ? JSON.parse(stored) : stored;
      await this.app.processEvent({ body, ack: async () => {} });
      count++;
    }
    return count;
  }

  private enqueue(eventId: string, body: Record<string, unknown>): void {
    this.queued.add(eventId);
    const events = this.deps.models.slackEvents;
    const leasedAt = Date.now(); // `admit` has just taken a LEASE_MS lease
    void this.queue.add(async () => {
      try {
        await this.yieldToAcks();
        // An event that waited in the queue gets a fresh lease before it runs; one that starts
        // within half a lease of being stored still has plenty (handlers take milliseconds).
        if (Date.now() - leasedAt > LEASE_MS / 2) {
          await events.updateOne(
            { _id: eventId },
            { $set: { leaseUntil: new Date(Date.now() + LEASE_MS) } },
          );
        }
        await this.run(eventId, body);
        await events.updateOne({ _id: eventId }, { $set: { state: 'done', payload: null } });
      } catch (error) {
        this.deps.logger.error(
          { err: error, eventId, code: errorCode(error) },
          'event processing failed; it will be retried',
        );
        await events
          .updateOne({ _id: eventId }, { $set: { leaseUntil: new Date() }, $inc: { attempts: 1 } })
          .catch((updateError: unknown) => {
            // Without the count the event still runs again (once its lease runs out), but an
            // event that always fails is no longer stopped after MAX_ATTEMPTS.
            this.deps.logger.error(
              { err: updateError, eventId, code: errorCode(updateError) },
              'could not count a failed run of an event; it runs again when its lease runs out',
            );
          });
      } finally {
        this.queued.delete(eventId);
      }
    });
  }

  /**
   * Runs a stored event through the app's listeners as a receiver would: `processEvent` with
   * an ack that does nothing (Slack's delivery was acknowledged when the event was stored).
   * A listener's error reaches the app's error handler, which throws it on to here.
   */
  private async run(eventId: string, body: Record<string, unknown>): Promise<void> {
    if (!this.app) throw new Error('EventInbox.attach(app) was not called');
    await this.app.processEvent({
      body,
      ack: async () => {},
      customProperties: { [STORED_EVENT]: eventId },
    });
  }

  /** Waits (briefly) while acknowledgements are being stored: Slack's 3 s comes first. */
  private async yieldToAcks(): Promise<void> {
    const until = Date.now() + YIELD_TO_ACKS_MS;
    while (this.store.admitting > 0 && Date.now() < until) await sleep(5);
  }
}
