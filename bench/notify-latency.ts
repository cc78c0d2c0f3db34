/**
 * (3) Detection-to-notification latency: from sending a customer's message event to the bot's
 * triage-card `chat.postMessage` reaching the Slack simulator (its call log's `at`), at a rate
 * the bot processes as fast as it arrives (8/s for 10 s; (1)'s acks run far ahead of
 * processing, so its steps would measure the backlog instead; the step starts once the bot has
 * finished earlier work, or reports what it discarded); p50 and p99, each ÷ the bot's own ack
 * p99 in that step. Then, for where the time goes, a short step at 4/s with every
 * MongoDB driver call counted and timed (raw `dbCallsPerMessage`).
 */
import { DRAIN_CAP_MS, loadStep } from './lib/ack.js';
import { opCensus } from './lib/op-census.js';
import { ms, ratio, type BenchContext, type Outcome } from './lib/report.js';
import { summarize } from './lib/stats.js';

export const NOTIFY_RATE = 8;

export async function notifyLatency(ctx: BenchContext): Promise<Outcome> {
  if (!ctx.side || !ctx.apps) throw new Error('the Slack side is not running');
  const triage = ctx.apps.seed.triage;
  const duration = ctx.quick ? 4_000 : 10_000;
  const { step } = await loadStep(ctx, 'full', NOTIFY_RATE, duration, { label: 'notify' });
  const after = await ctx.apps.drain(DRAIN_CAP_MS); // every card of the step is posted
  const cards = await ctx.side.call({ cmd: 'cards', args: { triage, label: step.label } });
  const latency = summarize(cards.latencies);
  const ackP99 = step.ack.p99;
  const posted = `${cards.latencies.length} of ${step.sent} cards`;
  let sent = 0;
  await ctx.apps.resetBot();
  const census = await opCensus(
    () => sent,
    async () => {
      const duration = ctx.quick ? 2_000 : 4_000;
      const load = await loadStep(ctx, 'full', 4, duration, { label: 'census', prepare: false });
      sent = load.step.sent;
      // Every call of the step's messages counted (waiting on the inbox itself: no DB calls).
      await ctx.apps?.bot.inbox.idle();
    },
  );
  console.log(
    `bench: per message the bot makes ${census.writesPerEvent} DB writes + ${census.readsPerEvent} reads (${census.dbMsPerEvent} ms of DB calls)`,
  );
  return {
    rows: [
      {
        benchmark: `3. Message → triage card @ ${step.offeredRate}/s`,
        figure: `p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)} (${posted}${step.backlogAtStart ? `; ${step.backlogAtStart} earlier events discarded first` : ''})`,
        baseline: `bot ack p99: ${ms(ackP99)}`,
        ratio: `${ratio(latency.p50, ackP99)} / ${ratio(latency.p99, ackP99)}`,
      },
    ],
    raw: {
      step: step.label,
      cards: cards.latencies.length,
      missing: cards.missing,
      backlogAtStart: step.backlogAtStart,
      drainedAfter: after,
      latency,
      ackP99,
      dbCallsPerMessage: census,
    },
  };
}
