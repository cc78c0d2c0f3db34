import type { BotDeps } from '../src/deps.js';
import { LIVE_STATUSES } from '../src/requests/lifecycle.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import type { RequestDoc } from '../src/db/models/index.js';
import { channelContext } from '../src/services/requests/context.js';
import { RequestEffects } from '../src/services/requests/effects.js';
import { resendPendingAlerts, slaJobDue } from '../src/services/timers/sla-breach.js';

export const CATCH_UP = 'catch-up';

/** How many overdue requests one run handles at most (the next run takes the rest). */
const BATCH = 200;

/**
 * Agenda clears a one-shot job's next run when it starts it, so a process killed mid-run loses
 * that job. Once a minute this finds SLA deadlines that passed without a breach being recorded
 * and runs their (idempotent, claimed) handler. Returns how many it handled.
 */
export async function catchUpOverdue(deps: BotDeps): Promise<number> {
  const now = deps.clock.now();
  const live = { status: { $in: LIVE_STATUSES } };
  const overdue = [
    ...(
      await deps.models.requests
        .find(
          {
            ...live,
            firstResponseAt: null,
            'sla.responseBreachedAt': null,
            'sla.responseDueAt': { $lte: now },
          },
          { _id: 1 },
        )
        .limit(BATCH)
        .lean()
    ).map((r) => ['response', String(r._id)] as const),
    ...(
      await deps.models.requests
        .find(
          {
            ...live,
            'sla.closureBreachedAt': null,
            'sla.pausedAt': null,
            'sla.closureDueAt': { $lte: now },
          },
          { _id: 1 },
        )
        .limit(BATCH)
        .lean()
    ).map((r) => ['closure', String(r._id)] as const),
  ];
  for (const [kind, id] of overdue) await slaJobDue(deps, kind, id);
  return overdue.length;
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
