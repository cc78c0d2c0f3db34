import { DAY_MS, isoWeekday, zoneTime, type ZoneTime } from '../calendar/zone-time.js';

/** `crm.summariser.schedule`. */
export type DigestSchedule = 'DAILY' | 'WEEKLY' | 'NEVER';

/** The local hour a digest is posted at. */
export const DIGEST_HOUR = 9;

/** What a digest covers: from `start` (inclusive) to `end` (exclusive, when it was due). */
export interface DigestPeriod {
  start: Date;
  end: Date;
}

/** What an account's digest reports for a period. */
export interface DigestFacts {
  /** Requests opened in the period. */
  created: number;
  /** Requests open (open, in progress, on hold) when the digest is made. */
  open: number;
  /** Requests closed in the period. */
  closed: number;
  /** Requests whose response or closure SLA was breached in the period. */
  breached: number;
  /** The open requests opened longest ago, oldest first (at most 5). */
  waiting: { channelId: string; rootTs: string; text: string; createdAt: Date }[];
}

const HOUR_MS = 60 * 60_000;

/** Daily: every day; weekly: Mondays (ISO weekday 1). */
const isDigestDay = (schedule: DigestSchedule, day: number) =>
  schedule === 'DAILY' || (schedule === 'WEEKLY' && isoWeekday(day) === 1);

/** 09:00 on a local day, as an instant (a 09:00 that a DST change skips reads as 10:00). */
const nineOn = (zone: ZoneTime, day: number) =>
  zone.localToUtc(day * DAY_MS + DIGEST_HOUR * HOUR_MS);

/**
 * When the next digest is due after `now` (strictly): 09:00 in `timezone` on the next day
 * (DAILY) or Monday (WEEKLY); null for NEVER.
 *
 * @example
 * nextDigestAt('DAILY', 'Europe/Paris', new Date('2026-03-02T08:00:00Z')); // 2026-03-03T08:00Z
 */
export function nextDigestAt(schedule: DigestSchedule, timezone: string, now: Date): Date | null {
  if (schedule === 'NEVER') return null;
  const zone = zoneTime(timezone);
  for (let day = zone.localDay(now.getTime()) - 1; ; day++) {
    if (isDigestDay(schedule, day) && nineOn(zone, day) > now.getTime())
      return new Date(nineOn(zone, day));
  }
}

/**
 * The period the digest due last at or before `now` covers: the local day (DAILY) or week
 * (WEEKLY) that ends at that 09:00. Keyed by its `end`, a digest is posted once per period,
 * however late or often the job runs. Null for NEVER.
 *
 * @example
 * digestPeriod('WEEKLY', 'UTC', new Date('2026-03-04T12:00:00Z'));
 * // { start: 2026-02-23T09:00Z, end: 2026-03-02T09:00Z } (Mondays)
 */
export function digestPeriod(
  schedule: DigestSchedule,
  timezone: string,
  now: Date,
): DigestPeriod | null {
  if (schedule === 'NEVER') return null;
  const zone = zoneTime(timezone);
  let day = zone.localDay(now.getTime()) + 1;
  while (!(isDigestDay(schedule, day) && nineOn(zone, day) <= now.getTime())) day--;
  const length = schedule === 'DAILY' ? 1 : 7;
  return { start: new Date(nineOn(zone, day - length)), end: new Date(nineOn(zone, day)) };
}

/** Minutes between a failed digest post and the next try: 5, 15, 30, then hourly. */
const DIGEST_RETRY_MIN = [5, 15, 30, 60] as const;

/**
 * When a digest whose post failed (`attempt`, from 1) is tried again: the next delay, or null
 * once that is no longer within its period (the next digest is due by then: it is given up).
 *
 * @example
 * digestRetryAt(1, new Date('2026-03-03T08:00Z'), new Date('2026-03-04T08:00Z')); // 08:05Z
 */
export function digestRetryAt(attempt: number, failedAt: Date, nextDue: Date | null): Date | null {
  const minutes = DIGEST_RETRY_MIN[Math.min(attempt, DIGEST_RETRY_MIN.length) - 1] ?? 60;
  const at = new Date(failedAt.getTime() + minutes * 60_000);
  return nextDue && at < nextDue ? at : null;
}
