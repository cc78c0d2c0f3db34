import type { Agenda, Job } from 'agenda';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { BotDeps, PendingTimer, TimerPort } from '../deps.js';
import { JOB_LOCK_LIFETIME_MS, JOBS_COLLECTION } from './agenda-settings.js';

/** Every job's data carries the key that makes it the one pending job of its kind for a thing. */
export const TimerData = z.object({ key: z.string() }).loose();

/** A job kind: its name, its data schema and what it does when due (STYLE rule 7). */
export interface JobDefinition<D extends { key: string } = { key: string }> {
  name: string;
  data: z.ZodType<D>;
  handle(deps: BotDeps, data: D): Promise<void>;
}

/**
 * Indexes the bot adds to Agenda's own (`findAndLockNextJobIndex`: name, nextRunAt, priority,
 * lockedAt, disabled), so that no timer lookup reads every pending job:
 * - `timer_kind_key`: `schedule` and `cancel` find a timer by kind and key;
 * - `timer_lock_expiry`: the second half of Agenda's lock query, jobs of a name whose lock ran
 *   out (`lockedAt <= deadline`), which Agenda's index serves by name alone.
 */
export const TIMER_INDEXES = [
  { key: { name: 1, 'data.key': 1 }, name: 'timer_kind_key' },
  { key: { name: 1, lockedAt: 1 }, name: 'timer_lock_expiry' },
] as const;

/**
 * Creates `TIMER_INDEXES` on Agenda's collection (the bot at start-up, the benchmark), one
 * `createIndex` each: FerretDB 1.24 can panic on a `createIndexes` of several at once (seen at a
 * restart, with them existing).
 */
export async function ensureTimerIndexes(jobs: {
  createIndex(key: Record<string, 1>, options: { name: string }): Promise<unknown>;
}): Promise<void> {
  for (const index of TIMER_INDEXES) await jobs.createIndex({ ...index.key }, { name: index.name });
}

/** How many jobs `sweepFinished` reads at a time. */
const SWEEP_PAGE = 500;

/**
 * Timers on Agenda, through its public API only: one pending job per (kind, key), replaced when
 * rescheduled. Every handler re-checks the current state before acting, so a late, duplicate or
 * stale run does nothing wrong; once-only effects go through `claimOnce`.
 */
export class Timers implements TimerPort {
  constructor(
    private readonly agenda: Agenda,
    private readonly db: Connection,
    private readonly definitions: readonly JobDefinition[],
    private readonly deps: () => BotDeps,
  ) {}

  /** The bot's indexes on Agenda's collection (see `TIMER_INDEXES`). */
  async ensureIndexes(): Promise<void> {
    await ensureTimerIndexes(this.db.collection(JOBS_COLLECTION));
  }

  /** Registers every job kind with Agenda (validating data on the way in). */
  define(): void {
    for (const definition of this.definitions) {
      this.agenda.define(definition.name, (job: Job) => this.run(definition, job.attrs.data), {
        // Handlers are short: a job locked by a process that died is retried soon, not in 10 min.
        lockLifetime: JOB_LOCK_LIFETIME_MS,
      });
    }
  }

  /**
   * Schedules (or moves) the pending job of this kind for `key`. The pending job is the one that
   * has not started (`lastRunAt: null`, which Agenda sets when a run begins): a handler that
   * reschedules its own kind gets a new job instead of moving the one running, whose next run
   * Agenda clears when the handler returns.
   */
  async schedule(
    name: string,
    key: string,
    runAt: Date,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.agenda
      .create(name, { ...data, key })
      .unique({ name, 'data.key': key, lastRunAt: null })
      .schedule(runAt)
      .save();
  }

  /**
   * `schedule` that leaves a pending job alone (one insert-only upsert): for sweeps that make
   * sure a job exists without moving one that is due now.
   */
  async scheduleIfNone(name: string, key: string, runAt: Date): Promise<void> {
    await this.agenda
      .create(name, { key })
      .unique({ name, 'data.key': key, lastRunAt: null }, { insertOnly: true })
      .schedule(runAt)
      .save();
  }

  /** Removes every job of this kind for `key`. */
  async cancel(name: string, key: string): Promise<void> {
    await this.agenda.cancel({ name, data: { key } });
  }

  /** Pending jobs, soonest first (for tests and operators). */
  async pending(): Promise<PendingTimer[]> {
    const { jobs } = await this.agenda.queryJobs({ sort: { nextRunAt: 'asc' } });
    return jobs.flatMap((job) =>
      job.nextRunAt
        ? [{ name: job.name, key: (job.data as { key: string }).key, runAt: job.nextRunAt }]
        : [],
    );
  }

  /**
   * Removes one-off jobs that finished (or failed) before `before`; returns how many went. Read
   * a page at a time, oldest first: jobs without a next run sort first, by when they finished.
   */
  async sweepFinished(before: Date): Promise<number> {
    let removed = 0;
    let skip = 0; // started, unfinished jobs sort first and stay
    for (;;) {
      const { jobs } = await this.agenda.queryJobs({
        sort: { nextRunAt: 'asc', lastFinishedAt: 'asc' },
        skip,
        limit: SWEEP_PAGE,
      });
      const stale = jobs.filter(
        (job) => !job.nextRunAt && job.lastFinishedAt && job.lastFinishedAt < before,
      );
      if (stale.length > 0)
        removed += await this.agenda.cancel({ ids: stale.map((job) => String(job._id)) });
      const past = jobs.some(
        (job) => job.nextRunAt || (job.lastFinishedAt && job.lastFinishedAt >= before),
      );
      if (past || jobs.length < SWEEP_PAGE) return removed;
      skip += jobs.length - stale.length;
    }
  }

  private async run(definition: JobDefinition, raw: unknown): Promise<void> {
    const parsed = definition.data.safeParse(raw);
    const deps = this.deps();
    if (!parsed.success) {
      deps.logger.error(
        { job: definition.name, issues: parsed.error.issues },
        'job data is invalid; skipped',
      );
      return;
    }
    await definition.handle(deps, parsed.data);
  }
}
