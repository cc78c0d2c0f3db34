import type { Calendar } from './calendar.js';
import { CalendarError } from './errors.js';
import { compile, openSpans } from './open-intervals.js';
import { DAY_MS, MINUTE_MS } from './zone-time.js';

/**
 * Business-time queries. Instants are passed in (never read from a clock); the open set is
 * a union of half-open spans [start, end), so a stretch's end instant is closed. Business
 * minutes are real elapsed minutes: an 09:00–17:00 day is 480 minutes, even on a DST day
 * where an interval crossing the change is an hour longer or shorter.
 */

/** A stretch open this long past the last holiday covers every weekday around the clock. */
const NEVER_CLOSES_MS = 400 * DAY_MS;

/**
 * Whether the calendar is open at `t` (interval starts are open, ends are closed).
 *
 * @example
 * isOpen(monToFri9to17, new Date('2026-01-05T09:00:00Z')); // true (Monday 09:00 UTC)
 */
export function isOpen(calendar: Calendar, t: Date): boolean {
  const at = instant(t);
  for (const [start, end] of openSpans(compile(calendar), at)) {
    if (start > at) return false;
    if (end > at) return true;
  }
  return false;
}

/**
 * The first open instant at or after `t`: `t` itself when open.
 *
 * @throws CalendarError('calendar_never_open') when nothing is ever open after `t`.
 * @example
 * nextOpening(monToFri9to17, new Date('2026-01-03T12:00:00Z')); // Mon 2026-01-05T09:00Z
 */
export function nextOpening(calendar: Calendar, t: Date): Date {
  const at = instant(t);
  for (const [start, end] of openSpans(compile(calendar), at)) {
    if (end > at) return new Date(Math.max(start, at));
  }
  throw neverOpen();
}

/**
 * The first closed instant at or after `t`: for an open `t`, the end of its merged open
 * stretch (adjacent and overlapping intervals, across midnight too, count as one); `t`
 * itself when closed.
 *
 * @throws CalendarError('calendar_never_closes') when the stretch never ends (24/7 calendars).
 * @example
 * nextClosing(monToFri9to17, new Date('2026-01-05T10:00:00Z')); // 2026-01-05T17:00Z
 */
export function nextClosing(calendar: Calendar, t: Date): Date {
  const at = instant(t);
  const cal = compile(calendar);
  const repeatsFrom = Number.isFinite(cal.lastHoliday)
    ? cal.zone.localToUtc((cal.lastHoliday + 1) * DAY_MS)
    : -Infinity;
  let stretchEnd: number | undefined;
  for (const [start, end] of openSpans(cal, at)) {
    if (stretchEnd === undefined) {
      if (start > at) return new Date(at);
      if (end > at) stretchEnd = end;
      continue;
    }
    if (start > stretchEnd) break;
    stretchEnd = Math.max(stretchEnd, end);
    if (stretchEnd - Math.max(at, repeatsFrom) > NEVER_CLOSES_MS) {
      throw new CalendarError('calendar_never_closes', 'the calendar is open around the clock');
    }
  }
  return new Date(stretchEnd ?? at);
}

/**
 * The instant `minutes` business minutes after `start`: time only counts while open.
 * `minutes` may be fractional (rounded to whole milliseconds). Adding 0 returns `start`
 * unchanged even when closed (it does not move to the next opening); a positive amount that
 * exactly uses up an open stretch ends on that stretch's closing instant.
 *
 * @throws CalendarError('calendar_invalid_minutes') for a negative or non-finite amount.
 * @throws CalendarError('calendar_never_open') when the calendar never opens.
 * @example
 * // Fri 16:00 + 120 business minutes (Mon–Fri 09–17) = Mon 10:00
 * addBusinessMinutes(monToFri9to17, new Date('2026-01-09T16:00:00Z'), 120); // 2026-01-12T10:00Z
 */
export function addBusinessMinutes(calendar: Calendar, start: Date, minutes: number): Date {
  const from = instant(start);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new CalendarError(
      'calendar_invalid_minutes',
      `invalid business minutes ${minutes}: expected a finite number >= 0`,
    );
  }
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(from);
  let cursor = from;
  for (const [spanStart, spanEnd] of openSpans(compile(calendar), from)) {
    const open = Math.max(spanStart, cursor);
    if (spanEnd <= open) continue;
    if (remaining <= spanEnd - open) return new Date(open + remaining);
    remaining -= spanEnd - open;
    cursor = spanEnd;
  }
  throw neverOpen();
}

/**
 * Open minutes in [a, b) (fractional when a bound is not on a whole minute); negative,
 * `-businessMinutesBetween(b, a)`, when `b` is before `a`. A never-open calendar gives 0.
 *
 * @example
 * // Fri 16:00 → Mon 10:00 (Mon–Fri 09–17) = 60 + 60 = 120
 * businessMinutesBetween(monToFri9to17, new Date('2026-01-09T16:00Z'), new Date('2026-01-12T10:00Z'));
 */
export function businessMinutesBetween(calendar: Calendar, a: Date, b: Date): number {
  const from = instant(a);
  const to = instant(b);
  if (to < from) return 0 - businessMinutesBetween(calendar, b, a); // 0 - x: never -0
  let total = 0;
  let cursor = from;
  for (const [start, end] of openSpans(compile(calendar), from)) {
    if (start >= to) break;
    const open = Math.max(start, cursor);
    const close = Math.min(end, to);
    if (close > open) {
      total += close - open;
      cursor = close;
    }
  }
  return total / MINUTE_MS;
}

function instant(t: Date): number {
  const ms = t instanceof Date ? t.getTime() : NaN;
  if (Number.isNaN(ms)) throw new CalendarError('calendar_invalid_date', 'invalid date');
  return ms;
}

function neverOpen(): CalendarError {
  return new CalendarError(
    'calendar_never_open',
    'the calendar has no open time from this instant on',
  );
}
