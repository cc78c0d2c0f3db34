import type { RequestDoc } from '../src/db/models/index.js';
import type { BotDeps } from '../src/deps.js';
import { LIVE_STATUSES } from '../src/requests/lifecycle.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { channelContext } from '../src/services/requests/context.js';
import { RequestEffects } from '../src/services/requests/effects.js';
import { alertBreach } from '../src/services/timers/sla-actions.js';
import { slaJobDue } from '../src/services/timers/sla-breach.js';
import { breachPlan } from '../src/sla/breach.js';
import { alertsToResend, overdueFilter, overdueKinds } from '../src/sla/catch-up.js';
import { CATCH_UP } from '../src/timers/jobs.js';

export { CATCH_UP };

/** How many requests one run handles at most per step (the next run takes the rest). */
const BATCH = 200;

/**
 * Agenda clears a one-shot job's next run when it starts it, so a process killed mid-run loses
 * that job. Once a minute this finds SLA deadlines that passed without a breach being recorded
 * (`overdueKinds`) and runs their (idempotent, claimed) handler. Returns how many it handled.
 */
export async function catchUpOverdue(deps: BotDeps): Promise<number> {
  const now = deps.clock.now();
  const overdue = await deps.models.requests
    .find(overdueFilter(now), { status: 1, firstResponseAt: 1, sla: 1 })
    .limit(BATCH)
    .lean<Pick<RequestDoc, '_id' | 'status' | 'firstResponseAt' | 'sla'>[]>();
  let handled = 0;
  for (const request of overdue) {
    for (const kind of overdueKinds(request, now)) {
      await slaJobDue(deps, kind, String(request._id));
      handled++;
    }
  }
  return handled;
}

/**
 * Alerts for breaches that were recorded but whose alert never went out (the process died in
 * between): breaches older than `graceMs` (`alertsToResend`). An alert may then be sent twice
 * (if the crash came after posting), never not at all.
 */
export async function resendPendingAlerts(deps: BotDeps, graceMs = 60_000): Promise<number> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - graceMs);
  const pending = await deps.models.requests
    .find({
      'sla.alertsPending.0': { $exists: true },
      $or: [
        { 'sla.responseBreachedAt': { $lt: before } },
        { 'sla.closureBreachedAt': { $lt: before } },
      ],
    })
    .limit(BATCH)
    .lean<RequestDoc[]>();
  let sent = 0;
  for (const request of pending) {
    const client = await deps.slackFor(request.teamId);
    const ctx = await channelContext(deps, client, request.teamId, request.channelId);
    if (!ctx) continue;
    for (const { kind, due } of alertsToResend(request.sla, now, graceMs)) {
      const plan = breachPlan(kind, ctx.features, ctx.channel);
      await alertBreach(deps, client, ctx, plan, { kind, request, due, now });
      sent++;
    }
  }
  return sent;
}

/** How long a triage card may be missing before the catch-up posts it (the live path goes first). */
const CARD_GRACE_MS = 60_000;

/**
 * Posts triage cards that never made it (Slack failed past the client's retries, or the process
 * died before posting): live requests with no card, no card deleted on purpose, and no claim
 * younger than the grace period. Posting goes through the same claim as the live path.
 */
export async function catchUpCards(deps: BotDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - CARD_GRACE_MS);
  const missing = await deps.models.requests
    .find({
      status: { $in: LIVE_STATUSES },
      'triage.ts': null,
      'triage.deletedAt': null,
      createdAt: { $lt: before },
      $or: [{ 'triage.claimedAt': null }, { 'triage.claimedAt': { $lt: before } }],
    })
    .limit(BATCH)
    .lean<RequestDoc[]>();
  let posted = 0;
  for (const request of missing) {
    const client = await deps.slackFor(request.teamId);
    const ctx = await channelContext(deps, client, request.teamId, request.channelId);
    if (!ctx?.channel.triageChannelId) continue;
    await new RequestEffects(deps, client).ensureNotification(ctx, request);
    posted++;
  }
  return posted;
}

export const catchUpJob: JobDefinition = {
  name: CATCH_UP,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    const handled =
      (await catchUpOverdue(deps)) + (await resendPendingAlerts(deps)) + (await catchUpCards(deps));
    if (handled > 0) deps.logger.info({ handled }, 'caught up overdue timers');
  },
};
