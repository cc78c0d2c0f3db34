/**
 * (9) Reports at scale: 100k requests holding 1M messages over 120 days, inserted in bulk (as
 * stored by real writes: with the facts the rollups counted), rollups built by `reports
 * rebuild`, then a 90-day summary (with `previous`) and a daily series timed (p50/p95) ÷ a
 * single-document read of a request; and the stored rollups compared with a recomputation.
 */
import { connect, withDatabase } from '../src/db/connection.js';
import { createModels, syncIndexes, type Models } from '../src/db/models/index.js';
import { createLogger } from '../src/logger.js';
import { requestFacts } from '../src/reports/facts.js';
import { checkRollups, rebuildReports } from '../src/services/reports/rebuild.js';
import { reportSeries, reportSummary } from '../src/services/reports/query.js';
import { SettingsService } from '../src/services/settings.js';
import type { BenchContext, Outcome } from './lib/report.js';
import { percentile, round } from './lib/stats.js';

export const REPORTS_DATABASE = 'bench_reports';
const TEAM = 'T0BENCH';
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const DAYS = 120;
const CHANNELS = 20;
const BATCH = 5_000;

/** A request of day `i`-ish: 9 thread messages plus its opening (10 per request: 1M in all). */
function requestDoc(i: number, n: number, accountOf: (channel: number) => string) {
  const channel = i % CHANNELS;
  const created = new Date(START + Math.floor((i / n) * DAYS * DAY_MS) + (i % 600) * 60_000);
  const answered = i % 10 !== 0 ? new Date(created.getTime() + ((i * 7) % 600) * 60_000) : null;
  const closed =
    answered && i % 5 !== 0 ? new Date(answered.getTime() + ((i * 13) % 4000) * 60_000) : null;
  const breached = i % 7 === 0 ? new Date(created.getTime() + 60 * 60_000) : null;
  const doc = {
    teamId: TEAM,
    channelId: `C0BENCH${channel}`,
    rootTs: `${1767225600 + i}.000100`,
    requesterId: `U0CUST${i % 500}`,
    text: `Request ${i}`,
    groupedTs: [],
    status: closed ? 'closed' : 'open',
    assigneeId: i % 4 === 0 ? null : `U0AGENT${i % 30}`,
    createdAt: created,
    updatedAt: closed ?? created,
    firstResponseAt: answered,
    lastCustomerActivityAt: created,
    lastAgentActivityAt: answered,
    closedAt: closed,
    triage: { channelId: null, ts: null, claimedAt: null, deletedAt: null },
    sla: {
      responseDueAt: new Date(created.getTime() + 60 * 60_000),
      responseBreachedAt: breached,
      closureDueAt: null,
      closureBreachedAt: null,
      pausedAt: null,
      alertsPending: [],
    },
    severity: ['low', 'medium', 'high'][i % 3] as string,
    tags: [`label${i % 10}`],
    category: `cat${i % 5}`,
    categories: [],
    feedback:
      closed && i % 3 === 0
        ? { rating: 1 + (i % 5), scale: '5_POINTS', text: null, at: closed }
        : null,
    history: [{ at: created, type: 'status', from: null, to: 'open', by: 'U0CUST' }],
    messageCounts: { incoming: 4, outgoing: 5 },
  };
  const facts = requestFacts(doc as never, {
    zone: 'UTC',
    calendar: null,
    accountId: accountOf(channel),
  });
  return { ...doc, reportFacts: JSON.stringify(facts) };
}

async function seed(models: Models, n: number) {
  const accounts = await models.accounts.insertMany(
    Array.from({ length: 5 }, (_, i) => ({ teamId: TEAM, name: `Account ${i}` })),
  );
  const accountOf = (channel: number) => String(accounts[channel % 5]?._id);
  await models.channels.insertMany(
    Array.from({ length: CHANNELS }, (_, c) => ({
      teamId: TEAM,
      channelId: `C0BENCH${c}`,
      name: `ext-bench-${c}`,
      kind: 'customer',
      accountId: accounts[c % 5]?._id,
    })),
  );
  const raw = models.requests.collection;
  for (let from = 0; from < n; from += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, n - from) }, (_, k) =>
      requestDoc(from + k, n, accountOf),
    );
    await raw.insertMany(docs, { ordered: false });
  }
}

/** p50 and p95 (ms) of `runs` sequential calls. */
async function timed(runs: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) };
}

export async function reportsAtScale(ctx: BenchContext): Promise<Outcome> {
  const n = ctx.quick ? 10_000 : 100_000;
  const connection = await connect(withDatabase(ctx.mongo.uri, REPORTS_DATABASE, true));
  try {
    const models = createModels(connection);
    await syncIndexes(models);
    const deps = { models, settings: new SettingsService(models), logger: createLogger('warn') };
    let t = performance.now();
    await seed(models, n);
    const seedSeconds = round((performance.now() - t) / 1000, 1);
    t = performance.now();
    const rebuilt = await rebuildReports(deps, TEAM);
    const rebuildSeconds = round((performance.now() - t) / 1000, 1);

    const since = new Date(START + 20 * DAY_MS);
    const until = new Date(since.getTime() + 90 * DAY_MS - 1);
    const channel = { type: 'channel' as const, id: 'C0BENCH3' };
    const one = await models.requests.findOne({ teamId: TEAM }, { _id: 1 }).lean();
    const runs = ctx.quick ? 20 : 60;
    await reportSummary(deps, TEAM, { since, until }); // warm-up
    const read = await timed(runs * 2, () => models.requests.findById(one?._id).lean());
    const summary = await timed(runs, () => reportSummary(deps, TEAM, { since, until }));
    const series = await timed(runs, () =>
      reportSeries(deps, TEAM, {
        since,
        until,
        groupBy: 'day',
        metric: 'avg_first_response_time',
        filter: channel,
      }),
    );
    t = performance.now();
    const check = await checkRollups(deps, TEAM);
    const checkSeconds = round((performance.now() - t) / 1000, 1);
    const messages = n * 10;
    return {
      rows: [
        {
          benchmark: `9. 90-day report summary p95 (${n / 1000}k requests, ${messages / 1e6}M messages)`,
          figure: `${summary.p95} ms (p50 ${summary.p50})`,
          baseline: `one request by id: p95 ${round(read.p95, 2)} ms`,
          ratio: (summary.p95 / read.p95).toFixed(1),
          goal: '≤ 300 ms',
          pass: summary.p95 <= 300,
        },
        {
          benchmark: '9. 90-day daily series of a channel p95',
          figure: `${series.p95} ms (p50 ${series.p50})`,
          baseline: `one request by id: p95 ${round(read.p95, 2)} ms`,
          ratio: (series.p95 / read.p95).toFixed(1),
          goal: '≤ 300 ms',
          pass: series.p95 <= 300,
        },
        {
          benchmark: '9. rollups = recomputation',
          figure: check.equal
            ? `equal (${check.rows} rows)`
            : `${check.differences.length} rows differ`,
          baseline: '-',
          ratio: '-',
          goal: 'equal',
          pass: check.equal,
        },
      ],
      raw: {
        requests: n,
        messages,
        seedSeconds,
        rebuildSeconds,
        checkSeconds,
        rebuilt,
        read,
        summary,
        series,
        differences: check.differences.slice(0, 10),
      },
    };
  } finally {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  }
}
