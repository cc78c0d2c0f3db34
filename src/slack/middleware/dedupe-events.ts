import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import { AppError } from '../../errors.js';
import type { BotDeps } from '../../deps.js';

const LEASE_MS = 60_000;
const DUPLICATE_KEY = 11000;

/**
 * Processes each Slack event id once. The first delivery takes a lease; a duplicate that
 * arrives while it runs is refused with an error (a non-2xx answer, so Slack retries later
 * instead of the event being lost if the first attempt fails); a duplicate after success is
 * acknowledged and skipped. A failed attempt gives its lease back, so Slack's retry runs it again.
 */
export function dedupeEvents(deps: BotDeps): Middleware<AnyMiddlewareArgs> {
  const events = deps.models.slackEvents;
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const teamId = (body as { team_id?: string }).team_id ?? null;
    try {
      await events.create({
        _id: eventId,
        teamId,
        state: 'processing',
        leaseUntil,
        receivedAt: now,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const taken = await events.findOneAndUpdate(
        { _id: eventId, state: 'processing', leaseUntil: { $lte: now } },
        { $set: { leaseUntil } },
      );
      if (!taken) {
        const existing = await events.findById(eventId).lean();
        if (existing?.state === 'done') return;
        throw new AppError('conflict', `event ${eventId} is being processed`);
      }
    }
    try {
      await next();
    } catch (error) {
      await events.deleteOne({ _id: eventId, state: 'processing' }).catch(() => {});
      throw error;
    }
    await events.updateOne({ _id: eventId }, { $set: { state: 'done' } });
  };
}
