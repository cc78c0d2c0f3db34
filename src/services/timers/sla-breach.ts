import type { WebClient } from '@slack/web-api';
import { Types } from 'mongoose';
import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { channelContext } from '../requests/context.js';
import { SlaBreachActions } from './sla-actions.js';
import { SLA_JOB, slaEnabled, type SlaKind } from './sla.js';

/** `runningDue(kind, request) !== null` as a filter, for conditional updates. */
const RUNNING: Readonly<Record<SlaKind, Record<string, unknown>>> = {
  response: {
    status: { $in: LIVE_STATUSES },
    firstResponseAt: null,
    'sla.responseBreachedAt': null,
    'sla.responseDueAt': { $ne: null },
  },
  closure: {
    status: { $in: LIVE_STATUSES },
    'sla.closureBreachedAt': null,
    'sla.pausedAt': null,
    'sla.closureDueAt': { $ne: null },
  },
};

/** The due date of a running (not met, not breached, not paused) SLA; null when none runs. */
export function runningDue(kind: SlaKind, request: RequestDoc): Date | null {
  const { sla } = request;
  if (!LIVE_STATUSES.includes(request.status)) return null;
  if (kind === 'response') {
    return request.firstResponseAt || sla.responseBreachedAt ? null : sla.responseDueAt;
  }
  return sla.closureBreachedAt || sla.pausedAt ? null : sla.closureDueAt;
}

/**
 * An SLA job fell due: re-check the request, claim the breach once (across retries and bot
 * instances), record it and act on it. A due date that moved later is waited for instead.
 */
export async function slaJobDue(deps: BotDeps, kind: SlaKind, requestId: string): Promise<void> {
  if (!Types.ObjectId.isValid(requestId)) return;
  const request = await deps.models.requests.findById(requestId).lean<RequestDoc>();
  const due = request && runningDue(kind, request);
  if (!request || !due) return;
  const now = deps.clock.now();
  if (due > now) {
    await deps.timers.schedule(SLA_JOB[kind], requestId, due);
    return;
  }
  let client: WebClient;
  try {
    client = await deps.slackFor(request.teamId);
  } catch (error) {
    deps.logger.warn({ err: error, kind, requestId }, 'SLA breach: no Slack client; skipped');
    return;
  }
  const ctx = await channelContext(deps, client, request.teamId, request.channelId);
  // Turning an SLA off silences the breaches still pending.
  if (!ctx || !slaEnabled(kind, ctx.features)) return;
  const claim = `sla:${kind}:${requestId}:${due.toISOString()}`;
  if (!(await claimOnce(deps.models.claims, claim, now))) return;
  const config = ctx.features.requests.support.response_sla.sla_breach_config;
  const breached = await recordBreach(deps, kind, request._id, now, config.request.isEnabled);
  if (breached) await alertBreach(deps, client, ctx, kind, breached, due, now);
}

/** Sends a recorded breach's alert and actions, then takes it off the pending list. */
async function alertBreach(
  deps: BotDeps,
  client: WebClient,
  ctx: NonNullable<Awaited<ReturnType<typeof channelContext>>>,
  kind: SlaKind,
  request: RequestDoc,
  due: Date,
  now: Date,
): Promise<void> {
  await new SlaBreachActions(deps, client, ctx).apply(kind, request, due, now);
  await deps.models.requests.updateOne(
    { _id: request._id },
    { $pull: { 'sla.alertsPending': kind } },
  );
}

/**
 * Alerts for breaches that were recorded but whose alert never went out (the process died in
 * between). Runs from the catch-up job for breaches older than `graceMs`; an alert may then be
 * sent twice (if the crash came after posting), never not at all.
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
    .limit(200)
    .lean<RequestDoc[]>();
  let sent = 0;
  for (const request of pending) {
    const client = await deps.slackFor(request.teamId);
    const ctx = await channelContext(deps, client, request.teamId, request.channelId);
    if (!ctx) continue;
    for (const kind of request.sla.alertsPending) {
      const breachedAt =
        kind === 'response' ? request.sla.responseBreachedAt : request.sla.closureBreachedAt;
      const due = kind === 'response' ? request.sla.responseDueAt : request.sla.closureDueAt;
      if (!breachedAt || breachedAt >= before || !due) continue;
      await alertBreach(deps, client, ctx, kind, request, due, now);
      sent++;
    }
  }
  return sent;
}

/**
 * Sets the breach time (and, with `sla_breach_config.request`, a `sla_breach` history entry)
 * unless the SLA stopped running meanwhile. Returns the updated request, or null.
 */
async function recordBreach(
  deps: BotDeps,
  kind: SlaKind,
  id: RequestDoc['_id'],
  at: Date,
  withHistory: boolean,
): Promise<RequestDoc | null> {
  const field = kind === 'response' ? 'sla.responseBreachedAt' : 'sla.closureBreachedAt';
  return deps.models.requests
    .findOneAndUpdate(
      { _id: id, ...RUNNING[kind] },
      {
        $set: { [field]: at },
        $addToSet: { 'sla.alertsPending': kind },
        ...(withHistory
          ? { $push: { history: { at, type: 'sla_breach', from: null, to: kind, by: 'bot' } } }
          : {}),
      },
      { returnDocument: 'after' },
    )
    .lean<RequestDoc>();
}
