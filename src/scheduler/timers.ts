import type { Agenda, Job } from 'agenda';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
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
 * Timers on Agenda: one pending job per (kind, key), replaced when rescheduled. Every handler
 * re-checks the current state before acting, so a late, duplicate or stale run does nothing
 * wrong; once-only effects go through `claimOnce`.
 */
export class Timers {
  constructor(
    private readonly agenda: Agenda,
    private readonly db: Connection,
    private readonly definitions: readonly JobDefinition[],
    private readonly deps: () => BotDeps,
  ) {}

  /** Registers every job kind with Agenda (validating data on the way in). */
  /**
   * The index behind `schedule` and `cancel`, which find a timer by kind and key (Agenda's own
   * index covers only its lock query): without it each is a scan of every pending job.
   */
  async ensureIndexes(): Promise<void> {
    await this.db
      .collection(JOBS_COLLECTION)
      .createIndex({ name: 1, 'data.key': 1 }, { name: 'timer_kind_key' });
  }

  define(): void {
    for (const definition of this.definitions) {
      this.agenda.define(
        definition.name,
        async (job: Job) => {
          const { originalKey, ...data } = job.attrs.data as { key: string; originalKey?: string };
          const key = originalKey ?? data.key;
          // Agenda writes this document's nextRunAt back after the handler: move it off the
          // (kind, key) slot first, so a handler that reschedules its own kind gets a new job.
          if (!job.attrs.repeatInterval) {
            await this.db
              .collection(JOBS_COLLECTION)
              .updateOne(
                { _id: job.attrs._id as never },
                { $set: { 'data.key': `${key}#ran`, 'data.originalKey': key } },
              );
          }
          await this.run(definition, { ...data, key });
        },
        // Handlers are short: a job locked by a process that died is retried soon, not in 10 min.
        { lockLifetime: JOB_LOCK_LIFETIME_MS },
      );
    }
  }

  /** Schedules (or moves) the pending job of this kind for `key`. */
  async schedule(
    name: string,
    key: string,
    runAt: Date,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.agenda
      .create(name, { ...data, key })
      .unique({ name, 'data.key': key })
      .schedule(runAt)
      .save();
  }

  async cancel(name: string, key: string): Promise<void> {
    await this.db.collection(JOBS_COLLECTION).deleteMany({ name, 'data.key': key });
  }

  /** Pending jobs, soonest first (for tests and operators). */
  async pending(): Promise<{ name: string; key: string; runAt: Date }[]> {
    const docs = await this.db
      .collection(JOBS_COLLECTION)
      .find({ nextRunAt: { $ne: null } })
      .sort({ nextRunAt: 1 })
      .toArray();
    return docs.map((doc) => ({
      name: doc.name as string,
      key: (doc.data as { key: string }).key,
      runAt: doc.nextRunAt as Date,
    }));
  }

  /**
   * Runs every job due by `now` (the bot's clock) and removes it: how tests move time forward
   * without waiting, and what Agenda's own processor does in production with the real clock.
   */
  async runDue(now: Date): Promise<number> {
    const jobs = this.db.collection(JOBS_COLLECTION);
    const due = await jobs
      .find({ nextRunAt: { $lte: now } })
      .sort({ nextRunAt: 1 })
      .toArray();
    let ran = 0;
    for (const doc of due) {
      const definition = this.definitions.find((d) => d.name === doc.name);
      if (!definition) continue;
      const removed = await jobs.deleteOne({ _id: doc._id, nextRunAt: doc.nextRunAt });
      if (removed.deletedCount !== 1) continue;
      await this.run(definition, doc.data);
      ran++;
    }
    return ran;
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
