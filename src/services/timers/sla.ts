import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import {
  clockChange,
  clockTimers,
  slaWorkingHours,
  startClocks,
  type SlaKind,
} from '../../sla/clocks.js';
import { resumeDue } from '../../sla/due.js';
import { CLOSURE_SLA, RESPONSE_SLA, SLA_JOB } from '../../timers/jobs.js';
import type { ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';
import { loadRequest } from './apply.js';

/** Attempts of an optimistic read-compute-write before it gives up to other writers. */
const MAX_ATTEMPTS = 10;

/**
 * Response and closure SLAs on the request moments (rules in `src/sla/clocks.ts`). Due dates are
 * computed once, when the request is created, from the settings in force then, and stored on the
 * request; a job per SLA fires at the due date (`jobs/response-sla.ts`, `jobs/closure-sla.ts`).
 */
export const slaHooks: RequestHooks = {
  async created(deps, ctx, request) {
    const start = startClocks(request.createdAt, ctx.features);
    if (!start) return;
    // Each clock starts once, in one conditional update: a redelivery or a racing writer finds
    // the due date set (or the request answered or no longer live) and changes nothing.
    for (const [kind, due] of Object.entries(start) as [SlaKind, Date | null][]) {
      const unanswered = kind === 'response' ? { firstResponseAt: null } : {};
      await deps.models.requests.updateOne(
        {
          _id: request._id,
          status: { $in: LIVE_STATUSES },
          [`sla.${kind}DueAt`]: null,
          ...unanswered,
        },
        { $set: { [`sla.${kind}DueAt`]: due } },
      );
    }
    const current = await loadRequest(deps, String(request._id));
    for (const { kind, at } of current ? clockTimers(current) : [])
      await deps.timers.schedule(SLA_JOB[kind], String(request._id), at);
  },

  /** The first response meets the response SLA (the job re-checks `firstResponseAt` too). */
  async agentReplied(deps, _ctx, request) {
    if (request.firstResponseAt) await deps.timers.cancel(RESPONSE_SLA, String(request._id));
  },

  async changed(deps, ctx, before, after) {
    const change = clockChange(before.status, after.status);
    if (change === 'end') await end(deps, after._id);
    else if (change === 'pause') await pause(deps, after._id);
    else if (change === 'resume') await resume(deps, ctx, after._id);
  },
};

type Deps = Pick<BotDeps, 'models' | 'timers' | 'clock'>;

/** Drops both jobs and any pause: a closed or discarded request keeps no clock. */
async function end(deps: Deps, id: RequestDoc['_id']): Promise<void> {
  for (const job of [RESPONSE_SLA, CLOSURE_SLA]) await deps.timers.cancel(job, String(id));
  await deps.models.requests.updateOne(
    { _id: id, 'sla.pausedAt': { $ne: null } },
    { $set: { 'sla.pausedAt': null } },
  );
}

/** Stops the closure clock: remembers when, and drops its job. */
async function pause(deps: Deps, id: RequestDoc['_id']): Promise<void> {
  await deps.models.requests.updateOne(
    {
      _id: id,
      'sla.closureDueAt': { $ne: null },
      'sla.closureBreachedAt': null,
      'sla.pausedAt': null,
    },
    { $set: { 'sla.pausedAt': deps.clock.now() } },
  );
  await deps.timers.cancel(CLOSURE_SLA, String(id));
}

/**
 * Restarts the closure clock: the business minutes left at the pause count from now
 * (`resumeDue`), so the stored due date moves by the paused time; its job moves with it.
 */
async function resume(deps: Deps, ctx: ChannelContext, id: RequestDoc['_id']): Promise<void> {
  const at = deps.clock.now();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const sla = (await loadRequest(deps, String(id)))?.sla;
    if (!sla?.pausedAt || !sla.closureDueAt) return;
    const moved = resumeDue(sla.pausedAt, sla.closureDueAt, at, slaWorkingHours(ctx.features));
    // Compare-and-set on the pause read: a racing resume or pause makes this one read again.
    const resumed = await deps.models.requests.updateOne(
      { _id: id, 'sla.pausedAt': sla.pausedAt, 'sla.closureDueAt': sla.closureDueAt },
      { $set: { 'sla.closureDueAt': moved, 'sla.pausedAt': null } },
    );
    if (resumed.modifiedCount !== 1) continue;
    if (moved) await deps.timers.schedule(CLOSURE_SLA, String(id), moved);
    return;
  }
}
