import { MongoJobRepository } from '@agendajs/mongo-backend';
import {
  Agenda,
  InMemoryNotificationChannel,
  type AgendaBackend,
  type JobNotification,
  type JobParameters,
  type JobRepositoryOptions,
} from 'agenda';
import type { Db } from 'mongodb';

/** The collection Agenda keeps the bot's jobs in. */
export const JOBS_COLLECTION = 'agendaJobs';

/**
 * How the bot's Agenda polls for due jobs (`npm run bench`'s timer benchmark runs Agenda with
 * exactly these). Every `processEvery` Agenda runs one lock query per job name and locks what
 * falls due before the next poll, to run it on time.
 */
export const AGENDA_SETTINGS = {
  /**
   * A longer period does not rescue FerretDB at 100 000 pending jobs (there a lock query takes
   * ~2 s and one timer's unique upsert ~5.5 s; with 30 s timers were still 67–85 s late), and it
   * would delay what another process moves in the database; timers saved here and due sooner
   * than the next poll do not wait for it (see `DetachedNotifications`).
   */
  processEvery: 5_000,
  /** Jobs run at once by this process, and per job name (Agenda's defaults). */
  maxConcurrency: 20,
  defaultConcurrency: 5,
} as const;

/**
 * The poll period when a test drives the time (`scheduler: 'virtual-clock'`): a job the test's
 * clock move made due runs within this many real milliseconds. Agenda also locks jobs due within
 * this many virtual milliseconds ahead, which no test's step comes near.
 */
export const VIRTUAL_CLOCK_POLL_MS = 100;

/**
 * How long a job stays locked to the process that took it: a job locked by a process that died
 * runs elsewhere this long after. It also bounds how long a job locked ahead of its time may
 * wait to start: Agenda runs what a poll locked only once the poll's lock queries are all done,
 * and drops a job whose lock has expired by then (to lock it again later). On FerretDB with
 * 100 000 pending jobs a poll takes 15–20 s (7 lock queries of ~2 s that wait for each other
 * and for timer upserts); with 10 s none of 8 due jobs fired within 35 s of the last one falling
 * due, with 60 s half of them did. A dead process's timers wait a minute: alerts run minutes
 * late anyway by then.
 */
export const JOB_LOCK_LIFETIME_MS = 60_000;

/**
 * Agenda's MongoDB repository, with at most one lock query per job name in flight: Agenda 6
 * starts a poll every `processEvery` even while the last one runs, and where a poll outlasts the
 * period (FerretDB with tens of thousands of pending jobs) the queries would pile up and every
 * write to the jobs would wait behind them. A poll that finds its job name's query still
 * running leaves the locking to it.
 */
class OneLockQueryPerName extends MongoJobRepository {
  private readonly locking = new Set<string>();

  override async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    if (this.locking.has(jobName)) return undefined;
    this.locking.add(jobName);
    try {
      return await super.getNextJobToRun(jobName, nextScanAt, lockDeadline, now, options);
    } finally {
      this.locking.delete(jobName);
    }
  }
}

/**
 * In-process notifications: a job saved here that falls due before the next poll is locked and
 * queued at once. Agenda's in-memory channel makes `save()` wait for that lock query; this one
 * does not, so scheduling a timer never waits on the processor.
 */
class DetachedNotifications extends InMemoryNotificationChannel {
  override async publish(notification: JobNotification): Promise<void> {
    void super.publish(notification).catch(() => {});
  }
}

/**
 * The bot's Agenda on `db`, with its settings; not started. `processEvery` is the poll period
 * (tests on a virtual clock poll often, so a due job runs within milliseconds of the clock move).
 */
export function createAgenda(db: Db, processEvery: number = AGENDA_SETTINGS.processEvery): Agenda {
  const repository = new OneLockQueryPerName({ mongo: db, db: { collection: JOBS_COLLECTION } });
  const backend: AgendaBackend = {
    name: 'MongoDB',
    repository,
    ownsConnection: false,
    connect: () => repository.connect(),
    disconnect: () => repository.disconnect(),
  };
  return new Agenda({
    backend,
    ...AGENDA_SETTINGS,
    processEvery,
    defaultLockLifetime: JOB_LOCK_LIFETIME_MS,
    notificationChannel: new DetachedNotifications(),
  });
}
