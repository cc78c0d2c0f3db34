import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Agenda } from 'agenda';

/** How often the jobs' state is read while waiting for them. */
const CHECK_EVERY_MS = 10;

/**
 * What a bot's Agenda runs: its own poll and lock query pick the jobs that a move of the
 * virtual clock made due; `settle()` waits until none is left and tells how many ran here.
 */
export class DueJobs {
  private started = 0;
  private completed = 0;
  private reported = 0;
  private failures: unknown[] = [];

  constructor(private readonly agenda: Agenda) {
    agenda.on('start', () => this.started++);
    agenda.on('complete', () => this.completed++);
    agenda.on('fail', (error: unknown) => this.failures.push(error));
  }

  /**
   * Waits until no job is due by now (the virtual clock, which `Date` shows) or running, in the
   * database or in this process; returns how many jobs this process finished since the last
   * call, or throws what one of them threw.
   */
  async settle(timeoutMs = 20_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const waiting = await this.unfinished();
      if (waiting.length === 0 && this.started === this.completed) break;
      if (performance.now() > deadline)
        throw new Error(`jobs still due or running after ${timeoutMs} ms: ${waiting.join(', ')}`);
      await sleep(CHECK_EVERY_MS);
    }
    const failure = this.failures.shift();
    this.failures = [];
    if (failure !== undefined) throw failure;
    const ran = this.completed - this.reported;
    this.reported = this.completed;
    return ran;
  }

  /** Jobs due and not started, and jobs started and not finished, by any process. */
  private async unfinished(): Promise<string[]> {
    const now = new Date();
    const { jobs } = await this.agenda.queryJobs({ includeDisabled: false });
    return jobs
      .filter((job) => (job.nextRunAt ? job.nextRunAt <= now : Boolean(job.lockedAt)))
      .map((job) => `${job.name} ${(job.data as { key?: string } | undefined)?.key ?? ''}`);
  }
}
