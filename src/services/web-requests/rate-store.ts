import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import { RateCounts } from '../../db/repositories/rate-counts.js';
import type { BotDeps } from '../../deps.js';

/**
 * An `express-rate-limit` store over the database (`RateCounts`): fixed windows of the bot's
 * clock, counted in one place, so a limit holds across every instance of the bot rather than
 * per process (the library's memory store).
 */
export class DbRateStore implements Store {
  /** Counts are shared by every instance. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private readonly counts: RateCounts;

  constructor(
    private readonly deps: Pick<BotDeps, 'models' | 'clock'>,
    private readonly scope: string,
  ) {
    this.counts = new RateCounts(deps.models);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** The current window's start. */
  private window(): Date {
    const now = this.deps.clock.now().getTime();
    return new Date(now - (now % this.windowMs));
  }

  async increment(key: string): Promise<IncrementResponse> {
    const start = this.window();
    const totalHits = await this.counts.hit(this.scope, key, start);
    return { totalHits, resetTime: new Date(start.getTime() + this.windowMs) };
  }

  async decrement(key: string): Promise<void> {
    await this.counts.undo(this.scope, key, this.window());
  }

  async resetKey(key: string): Promise<void> {
    await this.counts.reset(this.scope, key, this.window());
  }
}
