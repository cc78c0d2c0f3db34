/**
 * (7) Messages fully processed per second: customer messages (each opens a request, as in (3))
 * offered at a fixed rate for 60 s (quick: 15 s). A rate is sustained when every message got its
 * triage card, the p99 of message → card latency is under 2 s, every ack succeeded and the rate
 * was really offered. Rates go up (10, 20, 35, 50, 70, 100/s) to the first failure, then one
 * step halfway between the last pass and it. Each step starts with the bot idle and empty.
 * Baseline: the bare Bolt app's ack throughput from (1), when (1) ran in the same run.
 */
import { DRAIN_CAP_MS, loadStep, type Step } from './lib/ack.js';
import { cpuPer, cpuTimes, type CpuTimes } from './lib/cpu.js';
import { ms, type BenchContext, type Outcome } from './lib/report.js';
import { summarize, type Summary } from './lib/stats.js';

export const SUSTAINED_RATES = [10, 20, 35, 50, 70, 100];
export const CARD_P99_LIMIT_MS = 2_000;
const GOAL = 50;

interface RateStep {
  rate: number;
  step: Step;
  cardsPosted: number;
  cardsExpected: number;
  card: Summary;
  /** From the last send until the bot had processed every event (or the cap). */
  finishedAfterMs: number;
  /** Events still unprocessed at the cap after the step (discarded). */
  unfinished: number;
  /** CPU ms per message sent, per process, from the step's start to the bot's last event. */
  cpuMsPerMessage: CpuTimes;
  pass: boolean;
}

async function attempt(ctx: BenchContext, rate: number, durationMs: number): Promise<RateStep> {
  if (!ctx.side || !ctx.apps) throw new Error('the Slack side is not running');
  const label = `sustained-${rate}`;
  // (The previous step drained itself: this step's own drain finds nothing to wait for.)
  const cpuBefore = cpuTimes();
  const { step } = await loadStep(ctx, 'full', rate, durationMs, { label });
  // A rate the bot sustains leaves at most ~2 s of work; one it does not leaves a backlog,
  // which is waited for (its cards' latency is the figure of a failed step) up to the cap.
  const after = await ctx.apps.drain(ctx.quick ? 15_000 : DRAIN_CAP_MS);
  const cpuMsPerMessage = cpuPer(cpuBefore, cpuTimes(), step.sent);
  const cards = await ctx.side.call({
    cmd: 'cards',
    args: { triage: ctx.apps.seed.triage, label },
  });
  const card = summarize(cards.latencies);
  const cardsExpected = step.sent;
  const cardsPosted = cards.latencies.length;
  const pass =
    cardsPosted === cardsExpected &&
    card.p99 < CARD_P99_LIMIT_MS &&
    step.failed === 0 &&
    step.achievedRate >= 0.9 * rate;
  const result = {
    rate,
    step,
    cardsPosted,
    cardsExpected,
    card,
    finishedAfterMs: after.waitedMs,
    unfinished: after.discarded,
    cpuMsPerMessage,
    pass,
  };
  const cpu = Object.entries(cpuMsPerMessage)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
  console.log(
    `bench: ${label}: ${cardsPosted}/${cardsExpected} cards, p50 ${ms(card.p50)}, p99 ${ms(card.p99)}, ack p99 ${ms(step.ack.p99)}, done ${Math.round(after.waitedMs / 100) / 10} s after the last ack${after.discarded ? ` (${after.discarded} unfinished)` : ''}: ${pass ? 'sustained' : 'not sustained'}; CPU ms per message: ${cpu}`,
  );
  return result;
}

export async function sustainedThroughput(ctx: BenchContext): Promise<Outcome> {
  const durationMs = ctx.quick ? 15_000 : 60_000;
  const capMs = ctx.quick ? 150_000 : 420_000;
  const deadline = Date.now() + capMs;
  const steps: RateStep[] = [];
  let best: RateStep | undefined;
  let failedAt: number | undefined;
  const run = async (rate: number) => {
    const result = await attempt(ctx, rate, durationMs);
    steps.push(result);
    if (result.pass && result.rate > (best?.rate ?? 0)) best = result;
    return result.pass;
  };
  // A step costs its duration, the drain after it (up to the cap) and the next one's start.
  const fits = () => Date.now() + durationMs * 2 + 10_000 < deadline;
  for (const rate of SUSTAINED_RATES) {
    if (!fits()) break;
    if (!(await run(rate))) {
      failedAt = rate;
      break;
    }
  }
  if (failedAt !== undefined && fits()) {
    const between = Math.round(((best?.rate ?? 0) + failedAt) / 2);
    if (between > (best?.rate ?? 0) && between < failedAt) await run(between);
  }
  const cappedByTime = failedAt === undefined && best?.rate !== SUSTAINED_RATES.at(-1);
  const bare = ctx.bareAckRate;
  const rate = best?.rate ?? 0;
  const figure = best
    ? `${rate}/s: card p50 ${ms(best.card.p50)}, p99 ${ms(best.card.p99)}; ${best.cardsPosted}/${best.cardsExpected} cards${cappedByTime ? ' (time cap: a lower bound)' : ''}`
    : `< ${SUSTAINED_RATES[0]}/s (no rate sustained)`;
  const failed = steps.find((s) => s.rate === failedAt);
  const next = failed
    ? `; ${failed.rate}/s: ${failed.cardsPosted}/${failed.cardsExpected} cards, p99 ${ms(failed.card.p99)}`
    : '';
  return {
    rows: [
      {
        benchmark: `7. Messages processed/s, card p99 < ${CARD_P99_LIMIT_MS / 1000} s`,
        figure: `${figure}${next}`,
        baseline: bare ? `bare ack (1): ${bare}/s` : 'bare ack (1): not run',
        ratio: bare ? (rate / bare).toFixed(3) : 'n/a',
        goal: `>= ${GOAL}/s`,
        pass: rate >= GOAL,
      },
    ],
    raw: {
      durationMs,
      capMs,
      cardP99LimitMs: CARD_P99_LIMIT_MS,
      rates: SUSTAINED_RATES,
      sustained: best ? { rate, card: best.card, cards: best.cardsPosted } : null,
      failedAt,
      cappedByTime,
      bareAckRate: bare ?? null,
      steps,
    },
  };
}
