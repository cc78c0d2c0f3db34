import type { LoadResult } from './load.js';
import { SIGNING_SECRET, type Drained } from './apps.js';
import type { BenchContext } from './report.js';
import { summarize, type Summary } from './stats.js';

/** Keep-alive connections the load generator may open to one app. */
export const CONCURRENCY = 64;
/** An ack slower than this is cut off and counted as failed (Slack itself gives up at 3 s). */
export const TIMEOUT_MS = 10_000;

export type Target = 'full' | 'bare';

export interface Step {
  label: string;
  target: Target;
  offeredRate: number;
  achievedRate: number;
  sent: number;
  failed: number;
  over3s: number;
  maxInFlight: number;
  maxScheduleLagMs: number;
  stoppedEarly: boolean;
  /**
   * Events of earlier steps the bot had not processed when this one was due to start, after
   * waiting up to the drain cap; they were discarded, so this step measured none of them.
   */
  backlogAtStart: number;
  /** How long the bot took to finish the earlier steps' work before this one started. */
  drainedMs: number;
  ack: Summary;
}

/** How long a step may wait by default for the bot to finish the previous step's events. */
export const DRAIN_CAP_MS = 45_000;

export interface StepOptions {
  label?: string;
  /** Stop issuing once this many events wait past 3 s (see `LoadRequest`). */
  stopAfterOver3s?: number;
  /** Drain the bot and empty its data first (default); `false` leaves both as they are. */
  prepare?: boolean;
  drainCapMs?: number;
}

export function appUrl(ctx: BenchContext, target: Target): string {
  if (!ctx.apps) throw new Error('the apps are not running');
  return target === 'full' ? ctx.apps.bot.url : ctx.apps.bareUrl;
}

/**
 * One open-loop step of signed message events at `rate`/s against one app. First the bot
 * finishes the earlier steps' work (or, past the cap, drops it and says so) and its data is
 * emptied, so the step measures only its own events.
 */
export async function loadStep(
  ctx: BenchContext,
  target: Target,
  rate: number,
  durationMs: number,
  options: StepOptions = {},
): Promise<{ step: Step; result: LoadResult }> {
  if (!ctx.side || !ctx.apps) throw new Error('the Slack side is not running');
  const { label = `${target}-${rate}`, stopAfterOver3s, prepare = true } = options;
  const drained: Drained = prepare
    ? await ctx.apps.drain(options.drainCapMs ?? DRAIN_CAP_MS)
    : { clean: true, discarded: 0, waitedMs: 0 };
  if (!drained.clean) {
    console.log(
      `bench: ${label}: the bot had not finished the last step's work after ${Math.round(drained.waitedMs / 1000)} s; ${drained.discarded} events discarded before this step (backlogAtStart)`,
    );
  }
  if (prepare && target === 'full') await ctx.apps.resetBot();
  const { seed } = ctx.apps;
  const result = await ctx.side.call({
    cmd: 'load',
    args: {
      label,
      appUrl: appUrl(ctx, target),
      signingSecret: SIGNING_SECRET,
      rate,
      durationMs,
      maxSockets: CONCURRENCY,
      timeoutMs: TIMEOUT_MS,
      channels: seed.channels,
      customers: seed.customers,
      stopAfterOver3s,
    },
  });
  const step: Step = {
    label,
    target,
    offeredRate: rate,
    achievedRate: result.achievedRate,
    sent: result.sent,
    failed: result.failed,
    over3s: result.over3s,
    maxInFlight: result.maxInFlight,
    maxScheduleLagMs: result.maxScheduleLagMs,
    stoppedEarly: result.stoppedEarly,
    backlogAtStart: drained.discarded,
    drainedMs: drained.waitedMs,
    ack: summarize(result.latencies),
  };
  return { step, result };
}

/** A short step at a low rate per app: JIT, connections, channel registration, caches. */
export async function warmUp(ctx: BenchContext): Promise<void> {
  await loadStep(ctx, 'bare', 50, 2_000, { label: 'warm-bare' });
  await loadStep(ctx, 'full', 4, 2_000, { label: 'warm-full' });
}
