import { DateTime } from 'luxon';
import { DAY_MS, zoneTime } from '../calendar/zone-time.js';

/** How a report's series is grouped: by day, ISO week (starting Monday) or calendar month. */
export type GroupBy = 'day' | 'week' | 'month';

/** A local calendar date 'YYYY-MM-DD' (the key of a rollup row). */
export type DayKey = string;

const isoOfDayNumber = (day: number): DayKey => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayNumberOf = (key: DayKey): number => Date.parse(`${key}T00:00:00Z`) / DAY_MS;

/**
 * The local date of an instant in `zone` (DST-safe: the zone's offset at that instant).
 *
 * @example
 * dayKey(new Date('2026-03-29T22:30:00Z'), 'Europe/Berlin'); // '2026-03-30' (00:30 CEST)
 */
export function dayKey(at: Date, zone: string): DayKey {
  return isoOfDayNumber(zoneTime(zone).localDay(at.getTime()));
}

/**
 * The first day of the bucket a day falls in: itself, the Monday of its ISO week, or the first
 * of its month.
 *
 * @example
 * bucketKey('2026-03-01', 'week'); // '2026-02-23' (Sunday → that week's Monday)
 */
export function bucketKey(day: DayKey, groupBy: GroupBy): DayKey {
  if (groupBy === 'day') return day;
  if (groupBy === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumberOf(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return isoOfDayNumber(n - weekday);
}

/**
 * The instant a local day starts in `zone` (local midnight; on a day whose midnight is skipped,
 * the first instant of it), as Unix seconds: a series point's `timestamp`.
 *
 * @example
 * dayStart('2026-03-29', 'Europe/Berlin'); // 1774738800 (2026-03-28T23:00:00Z, still CET)
 */
export function dayStart(day: DayKey, zone: string): number {
  const local = DateTime.fromISO(day, { zone }).startOf('day');
  return Math.floor(local.toSeconds());
}

/** The day `n` days after `day` (before, for a negative `n`). */
export const shiftDay = (day: DayKey, n: number): DayKey => isoOfDayNumber(dayNumberOf(day) + n);

/** Every local day from `since` to `until` (inclusive), in `zone`. */
export function daysBetween(since: Date, until: Date, zone: string): DayKey[] {
  const first = dayNumberOf(dayKey(since, zone));
  const last = dayNumberOf(dayKey(until, zone));
  const days: DayKey[] = [];
  for (let n = first; n <= last; n++) days.push(isoOfDayNumber(n));
  return days;
}

/** The buckets of a range, in order: the first day of each. */
export function bucketsBetween(since: Date, until: Date, zone: string, groupBy: GroupBy): DayKey[] {
  return [...new Set(daysBetween(since, until, zone).map((day) => bucketKey(day, groupBy)))];
}
