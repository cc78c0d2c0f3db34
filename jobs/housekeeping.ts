import { DashboardAuthStore } from '../src/db/repositories/dashboard.js';
import { MessageStore } from '../src/db/repositories/messages.js';
import { RateCounts } from '../src/db/repositories/rate-counts.js';
import type { BotDeps } from '../src/deps.js';
import { keptUntil } from '../src/requests/suggestion.js';
import { ensureDigests } from '../src/services/crm/digest.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';

export const HOUSEKEEPING = 'housekeeping';

/** How long once-only markers are kept: far longer than Slack retries or any job's lateness. */
const DAY_MS = 24 * 60 * 60_000;
const KEEP_MS = 7 * DAY_MS;

/**
 * Deletes what only guards against repeats for a while: Slack event markers and claims older
 * than a week, and one-off Agenda jobs that finished over a week ago; and suggestions (kept
 * messages included) past their retention; blanks the text of thread messages older than
 * MESSAGE_RETENTION_DAYS; deletes expired dashboard sessions and week-old expired sign-in links,
 * and the rate counts of windows begun over a day ago.
 * Returns how many of each went.
 */
export async function sweepStaleRecords(deps: BotDeps) {
  const before = new Date(deps.clock.now().getTime() - KEEP_MS);
  const events = await deps.models.slackEvents.deleteMany({ receivedAt: { $lt: before } });
  const claims = await deps.models.claims.deleteMany({ at: { $lt: before } });
  const jobs = await deps.timers.sweepFinished(before);
  // Suggestions and kept messages have their own, longer retention (`KEEP_DAYS`).
  const old = { createdAt: { $lt: keptUntil(deps.clock.now()) } };
  const suggestions = await deps.models.suggestions.deleteMany(old);
  // Thread messages keep their text for MESSAGE_RETENTION_DAYS; the messages and counts stay.
  const now = deps.clock.now();
  const days = deps.env.MESSAGE_RETENTION_DAYS;
  const retained = new Date(now.getTime() - days * 24 * 60 * 60_000);
  const messagesExpired = await new MessageStore(deps.models).expire(retained, now);
  const dashboard = await new DashboardAuthStore(deps.models).sweep(now, before);
  // Rate counts matter for their window (minutes): those of windows begun a day ago go.
  const rateCounts = await new RateCounts(deps.models).sweep(new Date(now.getTime() - DAY_MS));
  return {
    slackEvents: events.deletedCount,
    claims: claims.deletedCount,
    rateCounts,
    jobs,
    suggestions: suggestions.deletedCount,
    messagesExpired,
    dashboardLinks: dashboard.links,
    dashboardSessions: dashboard.sessions,
  };
}

/**
 * Hourly clean-up, and a check that every account with a digest schedule has its job pending
 * (`ensureDigests`). Recurring, so it is started with `agenda.every('1 hour', HOUSEKEEPING,
 * { key: HOUSEKEEPING })` once Agenda runs, not through `Timers.schedule`.
 */
export const housekeepingJob: JobDefinition = {
  name: HOUSEKEEPING,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    deps.logger.info(
      { ...(await sweepStaleRecords(deps)), digests: await ensureDigests(deps) },
      'housekeeping',
    );
  },
};
