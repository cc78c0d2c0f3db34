/**
 * (1) Ack throughput: the highest rate of signed message events the full bot takes over HTTP
 * with p99 ack latency under 500 ms (no failures, and the offered rate actually delivered),
 * ÷ the same for a bare Bolt app that only acks. Rates double from 16/s until a step fails, then
 * one step at the geometric middle of the last pass and the first failure. The bare app goes
 * first, while the bot is idle. Before each of the bot's steps it finishes what the last step
 * left it to process; past `drainCapMs` the rest is discarded and the step says so
 * (`backlogAtStart`), so no step's acks compete with an earlier step's work.
 */
import { loadStep, type Step, type Target } from './lib/ack.js';
import { ms, type BenchContext, type Outcome } from './lib/report.js';

const RATES = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
const P99_LIMIT_MS = 500;
const GOAL = 0.5;

function passes(step: Step): boolean {
  return (
    step.failed === 0 && step.ack.p99 < P99_LIMIT_MS && step.achievedRate >= 0.9 * step.offeredRate
  );
}

/** Steps up one app's rate; stops at the first failure, the last rate or the time cap. */
async function search(
  ctx: BenchContext,
  target: Target,
  from: number,
  stepMs: number,
  capMs: number,
  drainCapMs: number,
) {
  const deadline = Date.now() + capMs;
  const steps: Step[] = [];
  let best: Step | undefined;
  let failedAt: number | undefined;
  const attempt = async (rate: number) => {
    const { step } = await loadStep(ctx, target, rate, stepMs, {
      label: `${target}-step-${rate}`,
      drainCapMs,
    });
    steps.push(step);
    if (passes(step) && step.achievedRate > (best?.achievedRate ?? 0)) best = step;
    return passes(step);
  };
  for (const rate of RATES.filter((r) => r >= from)) {
    if (Date.now() + stepMs * 2 > deadline) break;
    if (!(await attempt(rate))) {
      failedAt = rate;
      break;
    }
  }
  if (best && failedAt && Date.now() + stepMs * 2 < deadline) {
    await attempt(Math.round(Math.sqrt(best.offeredRate * failedAt)));
  }
  const cappedByTime = failedAt === undefined && best?.offeredRate !== RATES.at(-1);
  return { best, steps, failedAt, cappedByTime };
}

export async function ackThroughput(ctx: BenchContext): Promise<Outcome> {
  const stepMs = ctx.quick ? 1_500 : 4_000;
  const capMs = ctx.quick ? 15_000 : 50_000;
  // A step's backlog takes the bot (~25 messages/s) far longer to work off than the step took:
  // the bot's search waits up to 20 s for it (less when its pace shows it cannot finish).
  const drainCapMs = ctx.quick ? 8_000 : 20_000;
  const bare = await search(ctx, 'bare', 16, stepMs, capMs, drainCapMs);
  ctx.bareAckRate = bare.best?.achievedRate;
  const full = await search(ctx, 'full', 16, stepMs, capMs * 3, drainCapMs);
  const fullRate = full.best?.achievedRate ?? 0;
  const bareRate = bare.best?.achievedRate ?? 0;
  const value = bareRate > 0 ? fullRate / bareRate : NaN;
  const limit = (s: typeof full) =>
    s.failedAt !== undefined ? '' : s.cappedByTime ? ' (time cap: a lower bound)' : ' (top rate)';
  const describe = (s: typeof full) =>
    s.best
      ? `${s.best.achievedRate}/s (p99 ${ms(s.best.ack.p99)})`
      : `< ${RATES[0]}/s (no step passed)`;
  return {
    rows: [
      {
        benchmark: `1. Ack throughput, p99 < ${P99_LIMIT_MS} ms`,
        figure: `full bot: ${describe(full)}`,
        baseline: `bare ack: ${describe(bare)}${limit(bare)}`,
        ratio: Number.isFinite(value) ? value.toFixed(3) : 'n/a',
        goal: `>= ${GOAL}`,
        pass: value >= GOAL,
      },
    ],
    raw: { stepMs, capMs, drainCapMs, p99LimitMs: P99_LIMIT_MS, rates: RATES, full, bare },
  };
}
