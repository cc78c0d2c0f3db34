import type { WebClient } from '@slack/web-api';
import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { breachClaim, breachPlan, breachStep } from '../../sla/breach.js';
import { RUNNING_QUERY, slaEnabled, type SlaKind } from '../../sla/clocks.js';
import { SLA_JOB } from '../../timers/jobs.js';
import { channelContext } from '../requests/context.js';
import { fireWhenDue } from './apply.js';
import { alertBreach } from './sla-actions.js';

/**
 * An SLA job fell due: re-check the request (`breachStep`), claim the breach once (across
 * retries and bot instances), record it and act on it (`breachPlan`). A due date that moved
 * later is waited for instead.
 */
export async function slaJobDue(deps: BotDeps, kind: SlaKind, requestId: string): Promise<void> {
  const step = (request: RequestDoc, now: Date) => breachStep(kind, request, now);
  const fired = await fireWhenDue(deps, SLA_JOB[kind], requestId, step);
  if (!fired) return;
  const { request, due, now } = fired;
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
  if (!(await claimOnce(deps.models.claims, breachClaim(kind, requestId, due), now))) return;
  const plan = breachPlan(kind, ctx.features, ctx.channel);
  const breached = await recordBreach(deps, kind, request._id, now, plan.markRequest);
  if (breached) await alertBreach(deps, client, ctx, plan, { kind, request: breached, due, now });
}

/**
 * Sets the breach time (and, when the plan marks the request, a `sla_breach` history entry)
 * unless the SLA stopped running meanwhile. Returns the updated request, or null.
 */
async function recordBreach(
  deps: BotDeps,
  kind: SlaKind,
  id: RequestDoc['_id'],
  at: Date,
  withHistory: boolean,
): Promise<RequestDoc | null> {
  return deps.models.requests
    .findOneAndUpdate(
      { _id: id, ...RUNNING_QUERY[kind] },
      {
        $set: { [`sla.${kind}BreachedAt`]: at },
        $addToSet: { 'sla.alertsPending': kind },
        ...(withHistory
          ? { $push: { history: { at, type: 'sla_breach', from: null, to: kind, by: 'bot' } } }
          : {}),
      },
      { returnDocument: 'after' },
    )
    .lean<RequestDoc>();
}
