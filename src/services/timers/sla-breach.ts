import type { WebClient } from '@slack/web-api';
import { Types } from 'mongoose';
import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { channelContext } from '../requests/context.js';
import { SlaBreachActions } from './sla-actions.js';
import { SLA_JOB, slaEnabled, withRequestLock, type SlaKind } from './sla.js';

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
  if (breached) await new SlaBreachActions(deps, client, ctx).apply(kind, breached, due, now);
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
  return withRequestLock(deps, id, async () => {
    const current = await deps.models.requests.findById(id).lean<RequestDoc>();
    if (!current || !runningDue(kind, current)) return null;
    const field = kind === 'response' ? 'sla.responseBreachedAt' : 'sla.closureBreachedAt';
    return deps.models.requests
      .findOneAndUpdate(
        { _id: id },
        {
          $set: { [field]: at },
          ...(withHistory
            ? { $push: { history: { at, type: 'sla_breach', from: null, to: kind, by: 'bot' } } }
            : {}),
        },
        { returnDocument: 'after' },
      )
      .lean<RequestDoc>();
  });
}
