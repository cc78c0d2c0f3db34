/**
 * (5) Timer lateness at scale: with N pending jobs (1k, 10k, 100k; 1M with BENCH_TIMERS_MAX) in
 * Agenda's collection, some jobs fall due and Agenda's real processor runs them; lateness =
 * firing − due time. The processor is the bot's: `createAgenda` with the bot's settings, every
 * job name the bot defines (each costs one lock query per poll) and the bot's lock lifetime.
 * Two kinds of due jobs: DUE that were pending before Agenda started (timers scheduled long
 * ago), falling due over one `processEvery` so every phase of the poll cycle is sampled, and
 * SAVED that are saved while it runs, due 1 s later (as `Timers.schedule` does for a timer
 * that is due soon). Ratio: p99 at N ÷ p99 at 1k. Also per N: the lock query's time and plan
 * (`explain`), and one `Timers.schedule`-style unique upsert. Sizes that do not fit the time
 * budget are skipped with the measured reason.
 */
import type { Agenda } from 'agenda';
import type { Collection, Db, Document } from 'mongodb';
import { JOBS } from '../jobs/index.js';
import { ensureTimerIndexes } from '../src/scheduler/timers.js';
import { connect, withDatabase } from '../src/db/connection.js';
import {
  AGENDA_SETTINGS,
  createAgenda,
  JOB_LOCK_LIFETIME_MS,
  JOBS_COLLECTION,
} from '../src/scheduler/agenda-settings.js';
import { ms, ratio, type BenchContext, type Outcome, type Row } from './lib/report.js';
import { lockPlan, lockQuery } from './lib/lock-plan.js';
import { round, summarize } from './lib/stats.js';

export const TIMER_DATABASE = 'bench_timers';
const NAME = 'bench-timer';
/** Jobs pending from the start that fall due during the run, and jobs saved during it. */
const DUE = 5;
const SAVED = 3;
/** The first pending job falls due this long after Agenda starts. */
const LEAD_MS = 1_500;
/** A saved job is due this long after its save. */
const SAVED_DUE_IN_MS = 1_000;
const BATCH = 10_000;
/** Lateness goals (p99) by pending jobs. */
const GOALS_MS: Record<number, number> = { 10_000: 5_000, 100_000: 30_000 };

/** Agenda as the bot runs it, with this benchmark's job added to the bot's own. */
function botAgenda(db: Db, handler: (data: { key: string; dueAt?: number }) => void): Agenda {
  const agenda = createAgenda(db);
  for (const job of JOBS) {
    agenda.define(job.name, async () => {}, { lockLifetime: JOB_LOCK_LIFETIME_MS });
  }
  agenda.define(NAME, async (job) => handler(job.attrs.data as { key: string; dueAt?: number }), {
    lockLifetime: JOB_LOCK_LIFETIME_MS,
  });
  return agenda;
}

/** Fires the due jobs among the pending ones; lateness in ms (unfired: counted at the cap). */
async function lateness(
  db: Db,
  jobs: Collection,
  template: Document,
  window: number,
  waitCapMs: number,
) {
  // First firing per job; later ones are duplicate runs.
  const fired = new Map<string, number>();
  let duplicates = 0;
  const agenda = botAgenda(db, ({ key, dueAt }) => {
    if (!dueAt) return;
    if (fired.has(key)) duplicates++;
    else fired.set(key, Date.now() - dueAt);
  });
  const first = Date.now() + LEAD_MS;
  await jobs.insertMany(
    Array.from({ length: DUE }, (_, k) => {
      const dueAt = first + Math.round((k * window) / DUE);
      return {
        ...template,
        name: NAME,
        data: { key: `due-${k}`, dueAt },
        nextRunAt: new Date(dueAt),
      };
    }),
  );
  await agenda.start();
  // Saved while Agenda runs, spread over the same window.
  let lastDue = first + window;
  for (let k = 0; k < SAVED; k++) {
    const saveAt = first + Math.round((k * window) / SAVED);
    await new Promise((r) => setTimeout(r, Math.max(0, saveAt - Date.now())));
    const dueAt = Date.now() + SAVED_DUE_IN_MS;
    lastDue = Math.max(lastDue, dueAt);
    await agenda
      .create(NAME, { key: `saved-${k}`, dueAt })
      .unique({ name: NAME, 'data.key': `saved-${k}` })
      .schedule(new Date(dueAt))
      .save();
  }
  const deadline = lastDue + waitCapMs;
  while (fired.size < DUE + SAVED && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await agenda.stop();
  await jobs.deleteMany({ 'data.dueAt': { $exists: true } });
  const late = (prefix: string, count: number) => {
    const values = [...fired].filter(([key]) => key.startsWith(prefix)).map(([, v]) => v);
    // An unfired job counts with its lateness at the cap (a lower bound).
    const unfired = count - values.length;
    return {
      values,
      unfired,
      all: [...values, ...Array.from({ length: unfired }, () => waitCapMs)],
    };
  };
  const pending = late('due-', DUE);
  const saved = late('saved-', SAVED);
  return {
    pendingLateness: pending.values,
    savedLateness: saved.values,
    unfired: pending.unfired + saved.unfired,
    duplicates,
    summary: summarize([...pending.all, ...saved.all]),
  };
}

/** Index scans per lock, as short as the engine tells it. */
function scans(plan: Record<string, unknown>): string {
  if (typeof plan.keysExamined === 'number') {
    return `${plan.keysExamined} keys / ${plan.docsExamined} docs examined`;
  }
  // FerretDB: SQLite's plan, in full in the raw results ("SCAN t" reads the whole table).
  const sql = String(plan.plan ?? '');
  if (plan.filterPushdown === false || /\bSCAN\b/.test(sql)) return 'SQL scan (FerretDB)';
  return sql.includes('INDEX') ? 'SQL index search (FerretDB)' : sql;
}

export async function timerLateness(ctx: BenchContext): Promise<Outcome> {
  const sizes = [1_000, 10_000, 100_000, 1_000_000];
  const maxSize = Number(process.env.BENCH_TIMERS_MAX ?? (ctx.quick ? 10_000 : 100_000));
  const budgetMs = Number(process.env.BENCH_TIMERS_BUDGET_S ?? (ctx.quick ? 45 : 240)) * 1000;
  const waitCapMs = ctx.quick ? 10_000 : 35_000;
  // Due times spread over one poll period sample every phase of the poll cycle; a quick run
  // samples its first 10 s.
  const window = Math.min(AGENDA_SETTINGS.processEvery, ctx.quick ? 10_000 : Infinity);
  const started = Date.now();
  const connection = await connect(withDatabase(ctx.mongo.uri, TIMER_DATABASE, true));
  const db = connection.db as unknown as Db;
  const jobs = db.collection(JOBS_COLLECTION);
  const measured: Record<string, unknown>[] = [];
  const skipped: { size: number; reason: string }[] = [];
  try {
    // One real job as Agenda stores it: the shape every bulk-inserted pending job copies.
    const shaper = createAgenda(db);
    await shaper.ready;
    // The bot's own indexes on Agenda's collection, as it creates them at start-up.
    await ensureTimerIndexes(jobs);
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
    // Lock queries per poll: one per job name the bot's Agenda defines.
    const names = JOBS.length + 1;
    for (const size of sizes) {
      const sizeStart = Date.now();
      const remaining = budgetMs - (sizeStart - started);
      const insertMs = ((size - count) / insertPerSecond) * 1000;
      // Lock queries scale with the pending jobs on an engine that scans (measured so far);
      // besides the wait, a size costs the insert, the run's window and a handful of such scans
      // (lock, explain, unique upsert, a poll per name, clean-up).
      const projectedLockMs = lockMsPerJob * size;
      const fixedMs = insertMs + LEAD_MS + window + (8 + names) * projectedLockMs;
      const waitCap = Math.min(waitCapMs, remaining - fixedMs);
      // Time for the due jobs to fire: a poll and a lock each, up to the wait cap.
      const needed = Math.min(waitCapMs, Math.max(2_000, (DUE + SAVED + names) * projectedLockMs));
      if (size > maxSize || waitCap < needed) {
        skipped.push({
          size,
          reason:
            size > maxSize
              ? `over BENCH_TIMERS_MAX (${maxSize.toLocaleString('en-US')})`
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
      console.log(
        `bench: 5. ${size.toLocaleString('en-US')} pending: inserted at ${Math.round(insertPerSecond)}/s, lock query ${Math.round(lockMs)} ms; running Agenda…`,
      );
      const result = await lateness(db, jobs, template, window, waitCap);
      measured.push({
        size,
        waitCapMs: Math.round(waitCap),
        insertPerSecond: Math.round(insertPerSecond),
        lockQueryMs: round(lockMs, 1),
        lockQueriesPerPoll: names,
        uniqueScheduleMs: round(scheduleMs, 1),
        plan,
        ...result,
        seconds: Math.round((Date.now() - sizeStart) / 100) / 10,
      });
    }
    const base = measured[0]?.summary as { p99: number } | undefined;
    const rows: Row[] = measured.map((m) => {
      const size = m.size as number;
      const p99 = (m.summary as { p99: number }).p99;
      const goal = GOALS_MS[size];
      const unfired = m.unfired as number;
      const dup = m.duplicates ? `, ${m.duplicates as number} duplicate runs` : '';
      return {
        benchmark: `5. Timer lateness, ${size.toLocaleString('en-US')} pending`,
        figure: `p99 ${ms(p99)}${unfired ? ` (${unfired}/${DUE + SAVED} unfired)` : ''}${dup}; lock ${ms(m.lockQueryMs as number)} × ${names} names per poll, ${scans(m.plan as Record<string, unknown>)}; schedule ${ms(m.uniqueScheduleMs as number)}`,
        baseline: `p99 @ 1,000: ${ms(base?.p99 ?? NaN)}`,
        ratio: ratio(p99, base?.p99 ?? NaN),
        ...(goal
          ? {
              goal: `p99 <= ${goal / 1000} s, all fire`,
              pass: p99 <= goal && unfired === 0 && !m.duplicates,
            }
          : {}),
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
      raw: {
        dueJobs: DUE,
        savedJobs: SAVED,
        leadMs: LEAD_MS,
        dueWindowMs: window,
        savedDueInMs: SAVED_DUE_IN_MS,
        agenda: { ...AGENDA_SETTINGS, jobLockLifetimeMs: JOB_LOCK_LIFETIME_MS, names },
        waitCapMs,
        budgetMs,
        measured,
        skipped,
        indexes,
      },
    };
  } finally {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  }
}
