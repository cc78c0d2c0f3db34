import { parseCalendar, type Calendar } from './calendar.js';
import {
  DAY_MS,
  MINUTE_MS,
  dayOfIsoDate,
  isoWeekday,
  zoneTime,
  type ZoneTime,
} from './zone-time.js';

/** An open interval as UTC epoch milliseconds, [start, end). */
export type Span = readonly [start: number, end: number];

/** A calendar prepared for queries: merged local intervals per weekday, holiday day numbers. */
export interface CompiledCalendar {
  zone: ZoneTime;
  /** Index 1..7 (ISO weekday): merged, sorted [startMinute, endMinute] pairs. */
  weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<number>;
  /** Day number of the last holiday (-Infinity without holidays): the weeks repeat after it. */
  lastHoliday: number;
  everOpen: boolean;
}

/**
 * After this many consecutive days with nothing open, and past the last holiday, nothing
 * will ever open: the week repeats from there, and 400 days also cover every DST change.
 */
const GIVE_UP_DAYS = 400;

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const compiled = new WeakMap<Calendar, CompiledCalendar>();

/**
 * Validates and prepares a calendar, once per calendar object.
 *
 * @example
 * compile(ALWAYS_OPEN('UTC')).everOpen; // true
 */
export function compile(calendar: Calendar): CompiledCalendar {
  const hit = compiled.get(calendar);
  if (hit) return hit;
  const cal = parseCalendar(calendar);
  const weekly = [[], ...WEEKDAYS.map((day) => mergeLocal(cal.weekly[day]))];
  const holidays = new Set(cal.holidays.map(dayOfIsoDate));
  let lastHoliday = -Infinity;
  for (const day of holidays) lastHoliday = Math.max(lastHoliday, day);
  const result: CompiledCalendar = {
    zone: zoneTime(cal.timezone),
    weekly,
    holidays,
    lastHoliday,
    everOpen: weekly.some((intervals) => intervals.length > 0),
  };
  compiled.set(calendar, result);
  return result;
}

function mergeLocal(intervals: Calendar['weekly']['1']): Array<[number, number]> {
  const sorted = intervals
    .map((i): [number, number] => [i.start, i.end])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The open intervals of the shifts that start on local day `day`, as UTC spans. Each
 * wall-clock endpoint is converted on its own, so a fall-back day's shift is an hour longer
 * and a spring-forward one an hour shorter; a span that DST mapping empties is dropped.
 */
function daySpans(cal: CompiledCalendar, day: number): Span[] {
  const intervals = cal.weekly[isoWeekday(day)];
  if (!intervals?.length || cal.holidays.has(day)) return [];
  const midnight = day * DAY_MS;
  const spans: Span[] = [];
  for (const [start, end] of intervals) {
    const from = cal.zone.localToUtc(midnight + start * MINUTE_MS);
    const to = cal.zone.localToUtc(midnight + end * MINUTE_MS);
    if (to > from) spans.push([from, to]);
  }
  return spans;
}

/**
 * Every open span that could contain or follow instant `from`, sorted by start (they may
 * overlap; consumers merge), one local day at a time. Ends when nothing will ever open
 * again, so every search built on it terminates.
 *
 * @example
 * for (const [start, end] of openSpans(compile(calendar), Date.now())) { ... break; }
 */
export function* openSpans(cal: CompiledCalendar, from: number): Generator<Span, void> {
  if (!cal.everOpen) return;
  // Two days back: yesterday's overnight shift may still be open, give or take DST.
  let day = cal.zone.localDay(from) - 2;
  let pending: Span[] = [];
  let emptyDays = 0;
  for (;;) {
    const spans = daySpans(cal, day);
    if (spans.length > 0) {
      emptyDays = 0;
      pending = [...pending, ...spans].sort((a, b) => a[0] - b[0]);
    } else if (++emptyDays > GIVE_UP_DAYS && day > cal.lastHoliday) {
      yield* pending;
      return;
    }
    // Later days' spans start at or after their local midnight less the UTC offset (under a
    // day), and DST gaps only push starts later: spans before that are final in order.
    const horizon = day * DAY_MS;
    let ready = 0;
    while (ready < pending.length && (pending[ready] as Span)[0] < horizon) ready++;
    if (ready > 0) {
      const out = pending.slice(0, ready);
      pending = pending.slice(ready);
      yield* out;
    }
    day++;
  }
}
