/**
 * (2) Ack tail: the full bot's p99 ack latency ÷ the bare Bolt app's, both at a fixed 100
 * signed message events/s. The bot acks after its listeners finish (`processBeforeResponse`),
 * so its ack time is all the work of a new request: Slack allows 3 s; the goal here is < 1 s.
 */
import { loadStep } from './lib/ack.js';
import { ms, ratio, type BenchContext, type Outcome } from './lib/report.js';

export const TAIL_RATE = 100;
export const TAIL_GOAL_MS = 1_000;

export async function ackTail(ctx: BenchContext): Promise<Outcome> {
  const durationMs = ctx.quick ? 2_000 : 10_000;
  const bare = await loadStep(ctx, 'bare', TAIL_RATE, durationMs, { label: 'tail-bare' });
  // A bot that cannot keep up would build minutes of backlog: stop offering once 20 events
  // are past Slack's 3 s (the step then reports how many were sent).
  const full = await loadStep(ctx, 'full', TAIL_RATE, durationMs, {
    label: 'tail-full',
    stopAfterOver3s: 20,
  });
  const p99 = full.step.ack.p99;
  const sent = full.step.stoppedEarly ? ` (stopped after ${full.step.sent} sent)` : '';
  return {
    rows: [
      {
        benchmark: `2. Ack p99 @ ${TAIL_RATE}/s`,
        figure: `full bot: ${ms(p99)}${sent}`,
        baseline: `bare ack: ${ms(bare.step.ack.p99)}`,
        ratio: ratio(p99, bare.step.ack.p99),
        goal: `p99 < ${TAIL_GOAL_MS / 1000} s (Slack: 3 s)`,
        pass: p99 < TAIL_GOAL_MS && full.step.failed === 0,
      },
    ],
    raw: {
      rate: TAIL_RATE,
      durationMs,
      full: full.step,
      bare: bare.step,
      unfinishedAfter: await ctx.apps?.drain(ctx.quick ? 5_000 : 30_000),
    },
  };
}
