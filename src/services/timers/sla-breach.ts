import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import { SlaStore } from '../../db/repositories/request-sla.js';
import type { BotDeps } from '../../deps.js';
import { breachClaim, breachPlan, breachStep } from '../../sla/breach.js';
import { slaEnabled, type SlaKind } from '../../sla/clocks.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { SLA_JOB } from '../../timers/jobs.js';
import { channelContext } from '../requests/context.js';
import { fireWhenDue } from './apply.js';
import { alertBreach } from './sla-actions.js';
import { countRequest } from '../reports/keep.js';

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
  let slack: SlackGateway;
  try {
    slack = await deps.slack(request.teamId);
  } catch (error) {
    deps.logger.warn({ err: error, kind, requestId }, 'SLA breach: no Slack client; skipped');
    return;
  }
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  // Turning an SLA off silences the breaches still pending.
  if (!ctx || !slaEnabled(kind, ctx.features)) return;
  if (!(await claimOnce(deps.models.claims, breachClaim(kind, requestId, due), now))) return;
  const plan = breachPlan(kind, ctx.features, ctx.channel);
  const store = new SlaStore(deps.models);
  const breached = await store.recordBreach(kind, request._id, now, plan.markRequest);
  if (breached) await countRequest(deps, breached._id);
  if (breached) await alertBreach(deps, slack, ctx, plan, { kind, request: breached, due, now });
}
