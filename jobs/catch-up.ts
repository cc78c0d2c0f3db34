import type { BotDeps } from '../src/deps.js';
import { LIVE_STATUSES } from '../src/requests/lifecycle.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { slaJobDue } from '../src/services/timers/sla-breach.js';

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

export const catchUpJob: JobDefinition = {
  name: CATCH_UP,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    const handled = await catchUpOverdue(deps);
    if (handled > 0) deps.logger.info({ handled }, 'caught up overdue timers');
  },
};
