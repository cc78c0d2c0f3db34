import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import { SlaStore } from '../../db/repositories/request-sla.js';
import type { BotDeps } from '../../deps.js';
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
    const id = String(request._id);
    // Intake stores the due dates with the request; a request opened without them (stored
    // before, or by another path) gets them here.
    const unstarted = (Object.entries(start) as [SlaKind, Date | null][]).filter(
      ([kind, due]) => due !== null && request.sla[`${kind}DueAt`] === null,
    );
    let current: RequestDoc | null = request;
    if (unstarted.length > 0) {
      const clocks = new SlaStore(deps.models);
      for (const [kind, due] of unstarted) await clocks.start(request._id, kind, due);
      current = await new RequestStore(deps.models).byId(id);
    }
    for (const { kind, at } of current ? clockTimers(current) : [])
      await deps.timers.schedule(SLA_JOB[kind], id, at);
  },

  /** The first response meets the response SLA (the job re-checks `firstResponseAt` too). */
  async agentReplied(deps, _ctx, request) {
    if (request.firstResponseAt) await deps.timers.cancel(RESPONSE_SLA, String(request._id));
  },

  async changed(deps, ctx, before, after) {
    const change = clockChange(before.status, after.status);
    const id = String(after._id);
    const clocks = new SlaStore(deps.models);
    if (change === 'end') {
      // A closed or discarded request keeps no clock.
      for (const job of [RESPONSE_SLA, CLOSURE_SLA]) await deps.timers.cancel(job, id);
      await clocks.end(after._id);
    } else if (change === 'pause') {
      await clocks.pause(after._id, deps.clock.now());
      await deps.timers.cancel(CLOSURE_SLA, id);
    } else if (change === 'resume') await resume(deps, ctx, after._id);
  },
};

/**
 * Restarts the closure clock: the business minutes left at the pause count from now
 * (`resumeDue`), so the stored due date moves by the paused time; its job moves with it.
 */
async function resume(
  deps: Pick<BotDeps, 'models' | 'timers' | 'clock'>,
  ctx: ChannelContext,
  id: RequestDoc['_id'],
): Promise<void> {
  const at = deps.clock.now();
  const clocks = new SlaStore(deps.models);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const sla = (await new RequestStore(deps.models).byId(String(id)))?.sla;
    const { pausedAt, closureDueAt } = sla ?? {};
    if (!pausedAt || !closureDueAt) return;
    const moved = resumeDue(pausedAt, closureDueAt, at, slaWorkingHours(ctx.features));
    if (!(await clocks.resume(id, { pausedAt, closureDueAt }, moved))) continue;
    if (moved) await deps.timers.schedule(CLOSURE_SLA, String(id), moved);
    return;
  }
}
