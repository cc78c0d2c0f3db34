/**
 * (8) Events through a workspace with 20 active automation rules and 3 webhooks, ÷ the same load
 * through the same workspace with none. Each trial offers a burst of customer messages (each
 * opens a request, as in (7)) faster than the bot works them off, and counts the events per
 * second from the first send until every event is processed: the bot's saturated throughput.
 * With rules and webhooks the trial also waits until every webhook delivery is delivered (or
 * the cap) and says how long after the events that took. Trials alternate (none, rules, none,
 * rules; quick: one each) so a drift of the machine falls on both; each figure is the median.
 *
 * The rules are what a team writes: one labels every request about exports (it matches all the
 * load's messages), three raise severity and priority for three buckets (about 3 % of them) and
 * sixteen watch for what the load never says (outages, VIP labels, resolved or urgent requests).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DRAIN_CAP_MS, loadStep } from './lib/ack.js';
import { cpuPer, cpuTimes, type CpuTimes } from './lib/cpu.js';
import { opCensus } from './lib/op-census.js';
import { ms, type BenchContext, type Outcome } from './lib/report.js';

const GOAL = 0.7;
const EVENTS = ['conversation_created', 'conversation_updated', 'conversation_status_changed'];

interface Trial {
  kind: 'none' | 'rules';
  sent: number;
  failed: number;
  /** Events processed per second, from the first send until the bot was idle. */
  perSecond: number;
  processedMs: number;
  discarded: number;
  /** Database calls per event made by this process (the bot) while the events were worked off. */
  db: { writesPerEvent: number; readsPerEvent: number; msPerEvent: number };
  /** Each driver call's count per event and mean milliseconds (where the difference comes from). */
  ops: Awaited<ReturnType<typeof opCensus>>['ops'];
  /**
   * CPU milliseconds per event of the bot (`bot`, this process) and the engine (`database`)
   * while the events were worked off: what a saturated machine divides its cores by, so the
   * ratio of the two kinds' sums predicts the throughput ratio even when other work shares the
   * machine and the wall-clock figures are not to be trusted.
   */
  cpuMsPerEvent: CpuTimes;
  deliveries?: { expected: number; delivered: number; afterEventsMs: number };
}

const contains = (word: string) => ({
  attribute_key: 'content',
  filter_operator: 'contains',
  values: [word],
});

/** The 20 rules (see the header). */
function rules(): unknown[] {
  const out: unknown[] = [
    {
      name: 'Exports',
      event_name: 'conversation_created',
      conditions: [contains('nightly export')],
      actions: [{ action_name: 'add_label', action_params: ['Export'] }],
    },
  ];
  for (const bucket of [1, 2, 3]) {
    out.push({
      name: `Bucket ${bucket}`,
      event_name: 'conversation_created',
      conditions: [contains(`bucket ${bucket} `)],
      actions: [
        { action_name: 'set_severity', action_params: ['High'] },
        { action_name: 'change_priority', action_params: ['high'] },
      ],
    });
  }
  for (let i = 0; i < 8; i++) {
    out.push({
      name: `Outage ${i}`,
      event_name: 'conversation_created',
      conditions: [contains(`outage-${i}`), { ...contains('down'), query_operator: 'or' }],
      actions: [{ action_name: 'set_severity', action_params: ['High'] }],
    });
  }
  for (let i = 0; i < 4; i++) {
    out.push({
      name: `VIP resolved ${i}`,
      event_name: 'conversation_status_changed',
      conditions: [
        { attribute_key: 'status', filter_operator: 'equal_to', values: ['resolved'] },
        { attribute_key: 'labels', filter_operator: 'contains', values: [`vip-${i}`] },
      ],
      actions: [{ action_name: 'remove_label', action_params: [`vip-${i}`] }],
    });
    out.push({
      name: `Urgent ${i}`,
      event_name: 'conversation_updated',
      conditions: [
        { attribute_key: 'priority', filter_operator: 'equal_to', values: ['urgent'] },
        contains(`escalate-${i}`),
      ],
      actions: [{ action_name: 'set_severity', action_params: ['High'] }],
    });
  }
  return out;
}

/** A webhook receiver on loopback that answers 200 and counts what it got. */
async function receiver(): Promise<{ server: Server; url: string; received: () => number }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, received: () => received };
}

export async function rulesWebhooks(ctx: BenchContext): Promise<Outcome> {
  if (!ctx.side || !ctx.apps) throw new Error('the Slack side is not running');
  const apps = ctx.apps;
  const { models } = apps.bot.deps;
  const rate = ctx.quick ? 80 : 120;
  const durationMs = ctx.quick ? 3_000 : 5_000;
  const hook = await receiver();
  const ruleIds: string[] = [];
  const hookIds: string[] = [];

  const configure = async (on: boolean) => {
    if (on) {
      await apps.api('PATCH', '/api/v1/workspace/settings', {
        update: { requests: { support: { tags: [{ name: 'Export', value: 'export' }] } } },
      });
      for (const rule of rules()) {
        ruleIds.push(
          ((await apps.api('POST', '/api/v1/automation_rules', rule)) as { id: string }).id,
        );
      }
      for (let i = 0; i < 3; i++) {
        const body = { url: `${hook.url}/${i}`, subscriptions: EVENTS };
        hookIds.push(((await apps.api('POST', '/api/v1/webhooks', body)) as { id: string }).id);
      }
    } else {
      for (const id of ruleIds.splice(0))
        await apps.api('DELETE', `/api/v1/automation_rules/${id}`);
      for (const id of hookIds.splice(0)) await apps.api('DELETE', `/api/v1/webhooks/${id}`);
    }
  };

  const trial = async (kind: Trial['kind'], n: number): Promise<Trial> => {
    await configure(kind === 'rules');
    await apps.drain(DRAIN_CAP_MS);
    await apps.resetBot();
    await models.webhookDeliveries.deleteMany({});
    const start = Date.now();
    const cpuBefore = cpuTimes();
    let step!: Awaited<ReturnType<typeof loadStep>>['step'];
    let drained!: Awaited<ReturnType<typeof apps.drain>>;
    const census = await opCensus(
      () => step.sent,
      async () => {
        ({ step } = await loadStep(ctx, 'full', rate, durationMs, {
          label: `rules-${kind}-${n}`,
          prepare: false,
        }));
        drained = await apps.drain(DRAIN_CAP_MS);
      },
    );
    const processedMs = Date.now() - start;
    const cpuMsPerEvent = cpuPer(cpuBefore, cpuTimes(), step.sent - drained.discarded);
    const result: Trial = {
      kind,
      sent: step.sent,
      failed: step.failed,
      perSecond: Math.round((step.sent / processedMs) * 10_000) / 10,
      processedMs,
      discarded: drained.discarded,
      db: {
        writesPerEvent: census.writesPerEvent,
        readsPerEvent: census.readsPerEvent,
        msPerEvent: census.dbMsPerEvent,
      },
      ops: census.ops,
      cpuMsPerEvent,
    };
    if (kind === 'rules') {
      const eventsDone = Date.now();
      const cap = eventsDone + 60_000;
      const waiting = async () =>
        (await models.requests.countDocuments({ 'webhookEvents.0': { $exists: true } })) +
        (await models.webhookDeliveries.countDocuments({ status: 'pending' }));
      while ((await waiting()) > 0 && Date.now() < cap) await sleep(100);
      result.deliveries = {
        expected: await models.webhookDeliveries.countDocuments({}),
        delivered: await models.webhookDeliveries.countDocuments({ status: 'delivered' }),
        afterEventsMs: Date.now() - eventsDone,
      };
      await configure(false);
    }
    console.log(
      `bench: ${kind} #${n}: ${result.sent} events (${result.failed} failed acks) in ${ms(processedMs)}: ${result.perSecond}/s (${result.db.writesPerEvent} writes + ${result.db.readsPerEvent} reads, CPU ${ownCpu(result)} ms per event)${result.discarded ? `, ${result.discarded} discarded` : ''}${result.deliveries ? `; webhooks ${result.deliveries.delivered}/${result.deliveries.expected} delivered ${ms(result.deliveries.afterEventsMs)} after the events` : ''}`,
    );
    return result;
  };

  const trials: Trial[] = [];
  const ownCpu = (t: Trial) =>
    Math.round(((t.cpuMsPerEvent.bot ?? 0) + (t.cpuMsPerEvent.database ?? 0)) * 10) / 10;
  try {
    for (let n = 1; n <= (ctx.quick ? 1 : 2); n++) {
      trials.push(await trial('none', n));
      trials.push(await trial('rules', n));
    }
  } finally {
    await configure(false);
    hook.server.close();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const value =
      sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return Math.round(value * 100) / 100;
  };
  const perSecond = (kind: Trial['kind']) =>
    median(trials.filter((t) => t.kind === kind).map((t) => t.perSecond));
  const none = perSecond('none');
  const withRules = perSecond('rules');
  const ratio = withRules / none;
  const lost = trials.some(
    (t) =>
      t.discarded > 0 ||
      t.failed > 0 ||
      (t.deliveries && t.deliveries.delivered < t.deliveries.expected),
  );
  const cpu = (kind: Trial['kind']) => median(trials.filter((t) => t.kind === kind).map(ownCpu));
  const cpuRatio = cpu('none') / cpu('rules');
  const slowest = Math.max(...trials.map((t) => t.deliveries?.afterEventsMs ?? 0));
  return {
    rows: [
      {
        benchmark: '8. Events/s with 20 rules and 3 webhooks',
        figure: `${withRules}/s (CPU per event: ${cpu('rules')} ms, none ${cpu('none')} ms, ratio ${cpuRatio.toFixed(2)}); every webhook delivered ≤ ${ms(slowest)} after the events${lost ? ' (some events or deliveries lost: see raw)' : ''}`,
        baseline: `no rules, no webhooks: ${none}/s`,
        ratio: ratio.toFixed(3),
        goal: `>= ${GOAL}`,
        pass: ratio >= GOAL && !lost,
      },
    ],
    raw: {
      rate,
      durationMs,
      rules: 20,
      webhooks: 3,
      trials,
      hookRequestsReceived: hook.received(),
    },
  };
}
