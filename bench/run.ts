/**
 * `npm run bench`: every benchmark once, each figure ÷ a baseline measured in the same run on
 * the same machine. Prints a table and writes `bench/results/<timestamp>.json`. Not part of
 * the test suite. `BENCH_QUICK=1`: a smoke run of a few minutes. `BENCH_ONLY=1,4,6`: a subset.
 * All traffic goes to loopback; every step is bounded in count and time; the run stops itself.
 */
import { MongoClient } from 'mongodb';
import { startMongo, type MongoEngine } from '../src/db/engine.js';
import { ackTail } from './ack-tail.js';
import { ackThroughput } from './ack-throughput.js';
import { calendarMath } from './calendar-math.js';
import { CONCURRENCY, TIMEOUT_MS, warmUp } from './lib/ack.js';
import { BOT_DATABASE, SEED, startApps } from './lib/apps.js';
import {
  machine,
  table,
  versions,
  writeResults,
  type BenchContext,
  type Row,
} from './lib/report.js';
import { SlackSide } from './lib/slack-side-client.js';
import { notifyLatency } from './notify-latency.js';
import { PERSIST_DATABASES, persistence } from './persistence.js';
import { REPORTS_DATABASE, reportsAtScale } from './reports.js';
import { rulesWebhooks } from './rules-webhooks.js';
import { sustainedThroughput } from './sustained-throughput.js';
import { TIMER_DATABASE, timerLateness } from './timer-lateness.js';

const quick = process.env.BENCH_QUICK === '1';
const only = new Set(
  (process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7,8,9').split(',').map((s) => s.trim()),
);
const HARD_CAP_MS = (quick ? 8 : 20) * 60_000;

async function engineVersion(mongo: MongoEngine): Promise<string> {
  const client = await MongoClient.connect(mongo.uri);
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return `${mongo.description}; reports MongoDB ${info.version}`;
  } finally {
    await client.close();
  }
}

async function main() {
  const at = new Date();
  const timer = setTimeout(() => {
    console.error(`bench: still running after ${HARD_CAP_MS / 60_000} min; stopping`);
    process.exit(2);
  }, HARD_CAP_MS);
  timer.unref();
  const log = (line: string) => console.log(`bench: ${line}`);
  const mongo = await startMongo({ uri: process.env.MONGODB_URI, log });
  const ctx: BenchContext = { quick, mongo };
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const engine = await engineVersion(mongo);
  const before = machine();
  if (before.loadavg1m > 0.5)
    log(`load average ${before.loadavg1m} on ${before.cpus} cores before the run`);
  log(`engine: ${engine}${quick ? ' (quick run)' : ''}`);
  const run = async (
    key: string,
    title: string,
    bench: () => Promise<{ rows: Row[]; raw: unknown }>,
  ) => {
    const start = Date.now();
    log(`${title}…`);
    const outcome = await bench();
    rows.push(...outcome.rows);
    raw[key] = { ...(outcome.raw as object), seconds: Math.round((Date.now() - start) / 100) / 10 };
    log(`${title}: ${Math.round((Date.now() - start) / 1000)} s`);
  };
  try {
    if (only.has('6')) await run('calendarMath', '6. calendar math', () => calendarMath(ctx));
    if (only.has('4')) await run('persistence', '4. persistence', () => persistence(ctx));
    if (['1', '2', '3', '7', '8'].some((key) => only.has(key))) {
      ctx.side = await SlackSide.start();
      ctx.apps = await startApps(mongo.uri, ctx.side);
      try {
        await warmUp(ctx);
        if (only.has('1'))
          await run('ackThroughput', '1. ack throughput', () => ackThroughput(ctx));
        if (only.has('3')) {
          await run('notifyLatency', '3. notification latency', () => notifyLatency(ctx));
        }
        if (only.has('7')) {
          const title = '7. messages processed per second';
          await run('sustainedThroughput', title, () => sustainedThroughput(ctx));
        }
        if (only.has('8')) {
          const title = '8. events/s with rules and webhooks';
          await run('rulesWebhooks', title, () => rulesWebhooks(ctx));
        }
        // Last of the three: a bot that cannot take 100/s is left with a backlog.
        if (only.has('2')) await run('ackTail', '2. ack tail', () => ackTail(ctx));
      } finally {
        await ctx.apps.stop();
        await ctx.side.stop();
      }
    }
    if (only.has('5')) await run('timerLateness', '5. timer lateness', () => timerLateness(ctx));
    if (only.has('9')) await run('reports', '9. reports at scale', () => reportsAtScale(ctx));
  } finally {
    if (mongo.engine === 'external') await dropBenchDatabases(mongo.uri);
    await mongo.stop();
  }
  const order = (row: Row) => Number.parseInt(row.benchmark, 10);
  rows.sort((a, b) => order(a) - order(b));
  const file = writeResults(
    {
      at: at.toISOString(),
      quick,
      engine,
      versions: versions(),
      machine: { ...before, loadavg1mAfter: machine().loadavg1m },
      load: { seed: SEED, concurrency: CONCURRENCY, requestTimeoutMs: TIMEOUT_MS },
      table: rows,
      raw,
    },
    at,
  );
  const after = machine().loadavg1m;
  console.log(`\n${table(rows)}\n\nengine: ${engine}`);
  console.log(
    `machine: ${before.cpus} × ${before.cpuModel}, load average ${before.loadavg1m} → ${after}`,
  );
  console.log(`results: ${file}`);
}

/** On a server of the user's (MONGODB_URI), only the databases this run created go. */
async function dropBenchDatabases(uri: string) {
  const client = await MongoClient.connect(uri);
  try {
    for (const name of [BOT_DATABASE, TIMER_DATABASE, REPORTS_DATABASE, ...PERSIST_DATABASES]) {
      await client.db(name).dropDatabase();
    }
  } finally {
    await client.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
