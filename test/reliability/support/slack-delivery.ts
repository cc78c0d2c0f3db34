import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DriverResponse, EventOptions } from '../../support/slack/driver.js';

/** Slack counts a delivery as failed unless the app answers 2xx within 3 seconds. */
export const ACK_DEADLINE_MS = 3_000;
/** After a failed delivery Slack retries three times (about now, in 1 minute, in 5 minutes). */
export const SLACK_RETRIES = 3;

export interface Attempt {
  retryNum: number;
  /** HTTP status; 0 when the connection failed. */
  status: number;
  ms: number;
}

/** A 2xx within Slack's deadline: Slack considers the event delivered and never sends it again. */
export const isAck = (attempt: Attempt): boolean =>
  attempt.status >= 200 && attempt.status < 300 && attempt.ms <= ACK_DEADLINE_MS;

export const is2xx = (attempt: Attempt): boolean => attempt.status >= 200 && attempt.status < 300;

export const newEventId = (): string => `Ev${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * One Events API event delivered the way Slack delivers it: every attempt carries the same
 * `event_id`; a retry carries `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`; an event is
 * retried only while no attempt was acknowledged (2xx within 3 s), at most three times.
 */
export class SlackDelivery {
  readonly attempts: Attempt[] = [];
  private sent = 0;

  constructor(
    /** Sends one attempt; `route` picks the bot instance when there are several. */
    private readonly send: (opts: EventOptions, route?: number) => Promise<DriverResponse>,
    readonly label: string,
    readonly eventId: string = newEventId(),
  ) {}

  /** Slack has its acknowledgement: it will not deliver this event again. */
  get acked(): boolean {
    return this.attempts.some(isAck);
  }

  /** Some attempt got a 2xx, in time or late (the bot then claims to have handled it). */
  get answered2xx(): boolean {
    return this.attempts.some(is2xx);
  }

  /** Slack would deliver it again: not acknowledged, and retries are left. */
  get retryDue(): boolean {
    return !this.acked && this.sent <= SLACK_RETRIES;
  }

  /** Sends one attempt (the first, or the next retry) and records how it was answered. */
  async attempt(route?: number): Promise<Attempt> {
    const retryNum = this.sent++;
    const previous = this.attempts.at(-1);
    const opts: EventOptions = { eventId: this.eventId };
    if (retryNum > 0) {
      opts.retryNum = retryNum;
      opts.retryReason = previous && previous.ms > ACK_DEADLINE_MS ? 'http_timeout' : 'http_error';
    }
    const started = performance.now();
    let status = 0;
    try {
      status = (await this.send(opts, route)).status;
    } catch {
      // connection refused or reset: Slack sees a failed delivery
    }
    const attempt = { retryNum, status, ms: performance.now() - started };
    this.attempts.push(attempt);
    return attempt;
  }
}

/**
 * Retries, as Slack would, every delivery that is still due one (at most `limit` at a time:
 * Slack spreads retries as it spread the first attempts); returns how many were sent.
 */
export async function redeliver(
  deliveries: readonly SlackDelivery[],
  limit = Infinity,
): Promise<number> {
  const due = deliveries.filter((d) => d.retryDue);
  await pool(due, limit, async (d) => {
    await d.attempt();
  });
  return due.length;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(runners);
}

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Prints a test's figures as one block (for the README's reliability section). */
export function report(title: string, figures: Record<string, unknown>): void {
  const lines = Object.entries(figures).map(([key, value]) => `  ${key}: ${format(value)}`);
  process.stdout.write(`\n[reliability] ${title}\n${lines.join('\n')}\n`);
}

function format(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
