import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import {
  dueStep,
  type DueStep,
  type MinutesTimer,
  type TimerChange,
  type TimerMoment,
} from '../../timers/timer.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';

type TimerDeps = Pick<BotDeps, 'timers'>;

/** Applies a timer decision to the request's pending job of kind `name`. */
export async function applyTimer(
  deps: TimerDeps,
  name: string,
  request: Pick<RequestDoc, '_id'>,
  change: TimerChange,
  data?: Record<string, unknown>,
): Promise<void> {
  const key = String(request._id);
  if (change.kind === 'schedule') await deps.timers.schedule(name, key, change.at, data);
  else if (change.kind === 'cancel') await deps.timers.cancel(name, key);
}

/**
 * A job fell due: re-reads its request and steps it (`step` computes the due date again from the
 * current state). A due date that moved later is waited for (the job moves, with the same data);
 * returns the request when the job fires, with the due date and the time.
 */
export async function fireWhenDue(
  deps: Pick<BotDeps, 'models' | 'timers' | 'clock'>,
  name: string,
  key: string,
  step: (request: RequestDoc, now: Date) => DueStep,
  data?: Record<string, unknown>,
): Promise<{ request: RequestDoc; due: Date; now: Date } | null> {
  const request = await new RequestStore(deps.models).byKey(key); // null: no such request
  if (!request) return null;
  const now = deps.clock.now();
  const next = step(request, now);
  if (next.kind === 'wait') await deps.timers.schedule(name, key, next.at, data);
  return next.kind === 'fire' ? { request, due: next.due, now } : null;
}

/**
 * A minutes timer's job fell due: `fireWhenDue` with the due date from the duration the job
 * carries, then the Slack gateway and channel context to act with. Null when it does not fire,
 * the request is not `ready` for it, the channel is gone or the timer was turned off since.
 */
export async function fireMinutesTimer(
  deps: BotDeps,
  timer: MinutesTimer<RequestDoc>,
  data: { key: string; minutes: number },
  ready: (request: RequestDoc) => boolean = () => true,
) {
  const step = (request: RequestDoc, now: Date) => dueStep(timer.dueAt(request, data.minutes), now);
  const fired = await fireWhenDue(deps, timer.job, data.key, step, { minutes: data.minutes });
  if (!fired || !ready(fired.request)) return null;
  const { teamId, channelId } = fired.request;
  const slack = await deps.slack(teamId);
  const ctx = await channelContext(deps, slack, teamId, channelId);
  return ctx && timer.minutes(ctx.features) > 0 ? { ...fired, slack, ctx } : null;
}

/**
 * The request hooks of a minutes timer: at every moment, decide with the duration set now and
 * apply; the job carries that duration, so a due job recomputes the same due date.
 */
export function minutesTimerHooks(timer: MinutesTimer<RequestDoc>): RequestHooks {
  const run = (deps: TimerDeps, ctx: ChannelContext, request: RequestDoc, moment: TimerMoment) => {
    const minutes = timer.minutes(ctx.features);
    const change = timer.decide(moment, request, minutes);
    return applyTimer(deps, timer.job, request, change, { minutes });
  };
  return {
    created: (deps, ctx, request) => run(deps, ctx, request, { kind: 'created' }),
    agentReplied: (deps, ctx, request) => run(deps, ctx, request, { kind: 'agentReplied' }),
    customerWrote: (deps, ctx, request) => run(deps, ctx, request, { kind: 'customerWrote' }),
    changed: (deps, ctx, before, after) =>
      run(deps, ctx, after, { kind: 'changed', from: before.status }),
  };
}
