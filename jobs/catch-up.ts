import { RequestLists } from '../src/db/repositories/request-lists.js';
import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { channelContext } from '../src/services/requests/context.js';
import { RequestEffects } from '../src/services/requests/effects.js';
import { alertBreach } from '../src/services/timers/sla-actions.js';
import { slaJobDue } from '../src/services/timers/sla-breach.js';
import { breachPlan } from '../src/sla/breach.js';
import { alertsToResend, overdueKinds } from '../src/sla/catch-up.js';
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
  const overdue = await new RequestLists(deps.models).overdue(now, BATCH);
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
  const pending = await new RequestLists(deps.models).alertsPending(before, BATCH);
  let sent = 0;
  for (const request of pending) {
    const slack = await deps.slack(request.teamId);
    const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
    if (!ctx) continue;
    for (const { kind, due } of alertsToResend(request.sla, now, graceMs)) {
      const plan = breachPlan(kind, ctx.features, ctx.channel);
      await alertBreach(deps, slack, ctx, plan, { kind, request, due, now });
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
  const missing = await new RequestLists(deps.models).withoutCard(before, BATCH);
  let posted = 0;
  for (const request of missing) {
    const slack = await deps.slack(request.teamId);
    const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
    if (!ctx?.channel.triageChannelId) continue;
    await new RequestEffects(deps, slack).ensureNotification(ctx, request);
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
