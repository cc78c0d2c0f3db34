/**
 * (5) Timer lateness at scale: with N pending jobs (1k, 100k, 1M) in Agenda's collection, K
 * jobs fall due and Agenda's real processor (its own `Agenda` + `MongoBackend` on a connection
 * of ours) runs them; lateness = firing − due time. Ratio: p99 at N ÷ p99 at 1k. Also per N:
 * the lock query's time and plan (`explain`), and one `Timers.schedule`-style unique upsert.
 * Sizes that do not fit the time budget are skipped with the measured reason.
 *
 * `processEvery` is 100 ms, or 1.5 × the measured lock query when that is slower: Agenda 6
 * starts a lock query every `processEvery` even while the last one still runs, so a shorter
 * period only piles queries up on a slow engine (then nothing fires at all).
 */
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Collection, Db, Document } from 'mongodb';
import { connect, withDatabase } from '../src/db/connection.js';
import { ms, ratio, type BenchContext, type Outcome, type Row } from './lib/report.js';
import { lockPlan, lockQuery } from './lib/lock-plan.js';
import { round, summarize } from './lib/stats.js';

export const TIMER_DATABASE = 'bench_timers';
const NAME = 'bench-timer';
const DUE = 5;
const MIN_PROCESS_EVERY_MS = 100;
/** The run's fixed part: the first job falls due this long after Agenda starts. */
const LEAD_MS = 1_500;
const BATCH = 10_000;

/** Fires K due jobs among the pending ones; lateness in ms (unfired: counted at the cap). */
async function lateness(
  db: Db,
  jobs: Collection,
  template: Document,
  waitCapMs: number,
  processEvery: number,
) {
  // First firing per job; later ones are duplicate runs (FerretDB does not isolate the
  // concurrent lock queries of overlapping polls, so two of them can lock the same job).
  const fired = new Map<string, number>();
  let duplicates = 0;
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'agendaJobs' }),
    processEvery,
    defaultConcurrency: DUE,
  });
  agenda.define(NAME, async (job) => {
    const { key, dueAt } = job.attrs.data as { key: string; dueAt?: number };
    if (!dueAt) return;
    if (fired.has(key)) duplicates++;
    else fired.set(key, Date.now() - dueAt);
  });
  await agenda.start();
  const first = Date.now() + LEAD_MS;
  await jobs.insertMany(
    Array.from({ length: DUE }, (_, k) => {
      const dueAt = first + Math.round((k * 1000) / DUE);
      return {
        ...template,
        name: NAME,
        data: { key: `due-${k}`, dueAt },
        nextRunAt: new Date(dueAt),
      };
    }),
  );
  const deadline = first + 1_000 + waitCapMs;
  while (fired.size < DUE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await agenda.stop();
  await jobs.deleteMany({ 'data.dueAt': { $exists: true } });
  const unfired = DUE - fired.size;
  // An unfired job counts with its lateness at the cap (a lower bound).
  const censored = Array.from({ length: unfired }, () => deadline - first);
  const latenesses = [...fired.values()];
  return {
    processEvery,
    latenesses,
    unfired,
    duplicates,
    summary: summarize([...latenesses, ...censored]),
  };
}

/** Index scans per lock, as short as the engine tells it. */
function scans(plan: Record<string, unknown>): string {
  if (typeof plan.keysExamined === 'number') {
    return `${plan.keysExamined} keys / ${plan.docsExamined} docs examined`;
  }
  return plan.filterPushdown === false ? 'no index: full scan (FerretDB)' : String(plan.plan);
}

export async function timerLateness(ctx: BenchContext): Promise<Outcome> {
  const sizes = ctx.quick ? [1_000] : [1_000, 10_000, 100_000, 1_000_000];
  const maxSize = Number(process.env.BENCH_TIMERS_MAX ?? Infinity);
  const budgetMs = Number(process.env.BENCH_TIMERS_BUDGET_S ?? (ctx.quick ? 20 : 120)) * 1000;
  const waitCapMs = ctx.quick ? 8_000 : 30_000;
  const started = Date.now();
  const connection = await connect(withDatabase(ctx.mongo.uri, TIMER_DATABASE, true));
  const db = connection.db as unknown as Db;
  const jobs = db.collection('agendaJobs');
  const measured: Record<string, unknown>[] = [];
  const skipped: { size: number; reason: string }[] = [];
  try {
    // One real job as Agenda stores it: the shape every bulk-inserted pending job copies.
    const shaper = new Agenda({
      backend: new MongoBackend({ mongo: db, collection: 'agendaJobs' }),
    });
    await shaper.ready;
    await shaper
      .create(NAME, { key: 'template' })
      .schedule(new Date(Date.now() + 9e9))
      .save();
    const template: Document = (await jobs.findOne({ 'data.key': 'template' })) ?? {};
    delete template._id;
    await jobs.deleteMany({});
    let count = 0;
    let insertPerSecond = Infinity;
    let lockMsPerJob = 0;
    for (const size of sizes) {
      const sizeStart = Date.now();
      const remaining = budgetMs - (sizeStart - started);
      const insertMs = ((size - count) / insertPerSecond) * 1000;
      // Lock queries scale with the pending jobs on an engine that scans (measured so far);
      // besides the wait, a size costs the insert and a handful of such scans (lock, explain,
      // unique upsert, stop, clean-up), and the wait must allow every due job its lock.
      const projectedLockMs = lockMsPerJob * size;
      const fixedMs = insertMs + LEAD_MS + 1_000 + 8 * projectedLockMs;
      const waitCap = Math.min(waitCapMs, remaining - fixedMs);
      const needed = Math.max(2_000, (DUE + 2) * projectedLockMs);
      if (size > maxSize || waitCap < needed) {
        skipped.push({
          size,
          reason:
            size > maxSize
              ? `over BENCH_TIMERS_MAX`
              : `needs ~${Math.round((fixedMs + needed) / 1000)} s (insert at ${Math.round(insertPerSecond)}/s; lock query ~${Math.round(projectedLockMs)} ms, scaled from ${count.toLocaleString('en-US')}), ${Math.round(remaining / 1000)} s of budget left`,
        });
        break;
      }
      const before = count;
      const insertStart = performance.now();
      const far = Date.now() + 30 * 86_400_000;
      for (; count < size; count += BATCH) {
        const docs = Array.from({ length: Math.min(BATCH, size - count) }, (_, i) => ({
          ...template,
          data: { key: `pending-${count + i}` },
          nextRunAt: new Date(far + (count + i) * 1000),
        }));
        await jobs.insertMany(docs, { ordered: false });
      }
      count = size;
      insertPerSecond = (size - before) / ((performance.now() - insertStart) / 1000);
      const lockStart = performance.now();
      await jobs.findOneAndUpdate(lockQuery(NAME), { $set: { lockedAt: new Date() } });
      const lockMs = performance.now() - lockStart;
      lockMsPerJob = lockMs / size;
      const plan = await lockPlan(db, NAME);
      const scheduleStart = performance.now();
      await shaper
        .create(NAME, { key: `pending-${size >> 1}` })
        .unique({ name: NAME, 'data.key': `pending-${size >> 1}` })
        .schedule(new Date(far))
        .save();
      const scheduleMs = performance.now() - scheduleStart;
      const processEvery = Math.max(MIN_PROCESS_EVERY_MS, Math.round(1.5 * lockMs));
      const result = await lateness(db, jobs, template, waitCap, processEvery);
      measured.push({
        size,
        waitCapMs: Math.round(waitCap),
        insertPerSecond: Math.round(insertPerSecond),
        lockQueryMs: round(lockMs, 1),
        uniqueScheduleMs: round(scheduleMs, 1),
        plan,
        ...result,
        seconds: Math.round((Date.now() - sizeStart) / 100) / 10,
      });
    }
    const base = measured[0]?.summary as { p99: number } | undefined;
    const rows: Row[] = measured.map((m) => {
      const p99 = (m.summary as { p99: number }).p99;
      return {
        benchmark: `5. Timer lateness, ${(m.size as number).toLocaleString('en-US')} pending`,
        figure: `p99 ${ms(p99)}${m.unfired ? ` (${m.unfired}/${DUE} unfired)` : ''}; lock ${ms(m.lockQueryMs as number)}, ${scans(m.plan as Record<string, unknown>)}`,
        baseline: `p99 @ 1,000: ${ms(base?.p99 ?? NaN)}`,
        ratio: ratio(p99, base?.p99 ?? NaN),
      };
    });
    for (const s of skipped) {
      rows.push({
        benchmark: `5. Timer lateness, ${s.size.toLocaleString('en-US')} pending`,
        figure: 'not measured',
        baseline: s.reason,
        ratio: 'n/a',
      });
    }
    const indexes = (await jobs.indexes()).map((index) => ({ name: index.name, key: index.key }));
    return {
      rows,
      raw: { dueJobs: DUE, leadMs: LEAD_MS, waitCapMs, budgetMs, measured, skipped, indexes },
    };
  } finally {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  }
}
