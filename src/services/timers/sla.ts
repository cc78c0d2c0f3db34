import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import type { Features } from '../../settings/features.js';
import type { ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';
import { resumeDue, slaDue } from './sla-math.js';

/** Job names (re-exported by `jobs/response-sla.ts` and `jobs/closure-sla.ts`). */
export const RESPONSE_SLA = 'response-sla';
export const CLOSURE_SLA = 'closure-sla';

export type SlaKind = 'response' | 'closure';
export const SLA_JOB: Readonly<Record<SlaKind, string>> = {
  response: RESPONSE_SLA,
  closure: CLOSURE_SLA,
};

type Sla = RequestDoc['sla'];

/** The working hours both SLAs count in (they live under `response_sla`). */
export const slaWorkingHours = (features: Features) =>
  features.requests.support.response_sla.workingHoursConfig;

export function slaEnabled(kind: SlaKind, features: Features): boolean {
  const support = features.requests.support;
  return kind === 'response'
    ? support.response_sla.isEnabled
    : support.request_closure_sla.isEnabled;
}

/** Attempts of an optimistic read-compute-write before it gives up to other writers. */
const MAX_ATTEMPTS = 10;

const load = (deps: BotDeps, id: RequestDoc['_id']) =>
  deps.models.requests.findById(id).lean<RequestDoc>();

/**
 * Response and closure SLAs on the request moments. Due dates are computed once, when the
 * request is created, from the settings in force then, and stored on the request; a job per
 * SLA fires at the due date (`jobs/response-sla.ts`, `jobs/closure-sla.ts`) and re-checks.
 */
export const slaHooks: RequestHooks = {
  async created(deps, ctx, request) {
    const sla = await startClocks(deps, ctx, request);
    if (!sla) return;
    const key = String(request._id);
    if (sla.responseDueAt && !sla.responseBreachedAt && !request.firstResponseAt)
      await deps.timers.schedule(RESPONSE_SLA, key, sla.responseDueAt);
    if (sla.closureDueAt && !sla.closureBreachedAt && !sla.pausedAt)
      await deps.timers.schedule(CLOSURE_SLA, key, sla.closureDueAt);
  },

  /** The first response meets the response SLA (the job re-checks `firstResponseAt` too). */
  async agentReplied(deps, _ctx, request) {
    if (request.firstResponseAt) await deps.timers.cancel(RESPONSE_SLA, String(request._id));
  },

  /** On hold pauses the closure SLA, leaving hold resumes it; closing or discarding ends both. */
  async changed(deps, ctx, before, after) {
    if (before.status === after.status) return;
    const key = String(after._id);
    if (!LIVE_STATUSES.includes(after.status)) {
      await deps.timers.cancel(RESPONSE_SLA, key);
      await deps.timers.cancel(CLOSURE_SLA, key);
      await deps.models.requests.updateOne(
        { _id: after._id, 'sla.pausedAt': { $ne: null } },
        { $set: { 'sla.pausedAt': null } },
      );
    } else if (after.status === 'on_hold') {
      await pause(deps, after._id);
    } else if (before.status === 'on_hold') {
      await resume(deps, ctx, after._id);
    }
  },
};

/**
 * Stores the due dates of the enabled SLAs unless already set (a redelivered `created` keeps
 * the first ones). Returns the request's SLA state, or null when there is nothing to time.
 */
async function startClocks(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
): Promise<Sla | null> {
  const support = ctx.features.requests.support;
  const hours = slaWorkingHours(ctx.features);
  const response = support.response_sla.isEnabled;
  const closure = support.request_closure_sla.isEnabled;
  if (!response && !closure) return null;
  // Each clock starts once, in one conditional update: a redelivery or a racing writer finds
  // the due date set (or the request answered or no longer live) and changes nothing.
  const live = { _id: request._id, status: { $in: LIVE_STATUSES } };
  if (response) {
    await deps.models.requests.updateOne(
      { ...live, 'sla.responseDueAt': null, firstResponseAt: null },
      { $set: { 'sla.responseDueAt': slaDue(request.createdAt, support.response_sla.sla, hours) } },
    );
  }
  if (closure) {
    await deps.models.requests.updateOne(
      { ...live, 'sla.closureDueAt': null },
      {
        $set: {
          'sla.closureDueAt': slaDue(request.createdAt, support.request_closure_sla.sla, hours),
        },
      },
    );
  }
  const current = await load(deps, request._id);
  return current && LIVE_STATUSES.includes(current.status) ? current.sla : null;
}

/** Stops the closure clock: remembers when, and drops its job. */
async function pause(deps: BotDeps, id: RequestDoc['_id']): Promise<void> {
  const at = deps.clock.now();
  await deps.models.requests.updateOne(
    {
      _id: id,
      'sla.closureDueAt': { $ne: null },
      'sla.closureBreachedAt': null,
      'sla.pausedAt': null,
    },
    { $set: { 'sla.pausedAt': at } },
  );
  await deps.timers.cancel(CLOSURE_SLA, String(id));
}

/**
 * Restarts the closure clock: the business minutes left at the pause count from now, so the
 * stored due date moves by the paused (business) time; its job moves with it.
 */
async function resume(deps: BotDeps, ctx: ChannelContext, id: RequestDoc['_id']): Promise<void> {
  const at = deps.clock.now();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const sla = (await load(deps, id))?.sla;
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
