import type { LoadResult } from './load.js';
import { SIGNING_SECRET } from './apps.js';
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
  /** Events the bot had not finished when the next step began (after a capped wait). */
  unfinishedBefore: number;
  ack: Summary;
}

/** How long a step may wait for the bot to finish the previous step's events. */
const DRAIN_CAP_MS = 45_000;

export function appUrl(ctx: BenchContext, target: Target): string {
  if (!ctx.apps) throw new Error('the apps are not running');
  return target === 'full' ? ctx.apps.bot.url : ctx.apps.bareUrl;
}

/** One open-loop step of signed message events at `rate`/s against one app (fresh bot data). */
export async function loadStep(
  ctx: BenchContext,
  target: Target,
  rate: number,
  durationMs: number,
  label = `${target}-${rate}`,
  stopAfterOver3s?: number,
  prepare = true,
): Promise<{ step: Step; result: LoadResult }> {
  if (!ctx.side || !ctx.apps) throw new Error('the Slack side is not running');
  const unfinishedBefore = prepare ? await ctx.apps.drain(DRAIN_CAP_MS) : 0;
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
    unfinishedBefore,
    ack: summarize(result.latencies),
  };
  return { step, result };
}

/** A short step at a low rate per app: JIT, connections, channel registration, caches. */
export async function warmUp(ctx: BenchContext): Promise<void> {
  await loadStep(ctx, 'bare', 50, 2_000, 'warm-bare');
  await loadStep(ctx, 'full', 4, 2_000, 'warm-full');
}
