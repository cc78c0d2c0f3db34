import { IANAZone } from 'luxon';

/**
 * Local wall-clock time <-> UTC instants for one IANA zone, using luxon's zone data.
 *
 * Local times are "pseudo-UTC" milliseconds (the wall-clock reading taken as if it were
 * UTC) and local dates are day numbers (days since 1970-01-01), so day stepping is integer
 * arithmetic. Two reasons this is not `DateTime.fromObject`:
 * - luxon resolves an ambiguous fall-back time using the offset in force *now*
 *   (`Settings.now()`), so its answer depends on the wall clock; this module always picks
 *   the first occurrence, which keeps the calendar a pure function of its inputs;
 * - `IANAZone#offset` costs ~10 µs (an `Intl` format per call); offsets are memoised per
 *   UTC week, which keeps long searches well under a millisecond once warm.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** ~190 years of weeks per zone before the memo starts over; bounds memory. */
const MAX_CACHED_WEEKS = 10_000;

export interface ZoneTime {
  /** UTC offset in milliseconds at instant `ts`. */
  offsetAt(ts: number): number;
  /** The instant at which the wall clock reads `local` (see the module comment for DST). */
  localToUtc(local: number): number;
  /** The local day number of instant `ts`. */
  localDay(ts: number): number;
}

/** One UTC week: the offset before and after its (at most one) transition. */
interface Week {
  before: number;
  after: number;
  switchAt: number;
}

const zones = new Map<string, ZoneTime>();
const validZones = new Set<string>();

/**
 * True for names luxon knows as IANA zones.
 *
 * @example
 * isValidTimezone('Asia/Kolkata'); // true; isValidTimezone('Mars/Base') is false
 */
export function isValidTimezone(name: string): boolean {
  // luxon builds an Intl formatter on every check (~0.1 ms); known zones are remembered.
  if (validZones.has(name)) return true;
  const valid = name.length > 0 && IANAZone.isValidZone(name);
  if (valid) validZones.add(name);
  return valid;
}

/**
 * The (shared, memoised) zone clock for a valid IANA zone name.
 *
 * @example
 * zoneTime('America/New_York').localToUtc(Date.parse('2026-03-08T02:30:00Z')); // 03:30 EDT = 07:30Z
 */
export function zoneTime(name: string): ZoneTime {
  let zone = zones.get(name);
  if (!zone) {
    zone = createZoneTime(IANAZone.create(name));
    zones.set(name, zone);
  }
  return zone;
}

function createZoneTime(zone: IANAZone): ZoneTime {
  const weeks = new Map<number, Week>();
  // luxon reports minutes, fractional for old LMT offsets; keep whole milliseconds.
  const rawOffset = (ts: number): number => Math.round(zone.offset(ts) * MINUTE_MS);

  const weekOf = (index: number): Week => {
    const cached = weeks.get(index);
    if (cached) return cached;
    const start = index * WEEK_MS;
    const before = rawOffset(start);
    const after = rawOffset(start + WEEK_MS);
    let switchAt = Infinity;
    if (before !== after) {
      // Real zones change offset at most once in a week; binary-search the instant.
      let lo = start;
      let hi = start + WEEK_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (rawOffset(mid) === before) lo = mid;
        else hi = mid;
      }
      switchAt = hi;
    }
    if (weeks.size >= MAX_CACHED_WEEKS) weeks.clear();
    const week = { before, after, switchAt };
    weeks.set(index, week);
    return week;
  };

  const offsetAt = (ts: number): number => {
    const week = weekOf(Math.floor(ts / WEEK_MS));
    return ts < week.switchAt ? week.before : week.after;
  };

  const localToUtc = (local: number): number => {
    // Offsets are under a day, so these two instants bracket every candidate.
    const early = offsetAt(local - DAY_MS);
    const late = offsetAt(local + DAY_MS);
    if (early === late) return local - early;
    const first = local - early;
    const second = local - late;
    const firstFits = offsetAt(first) === early;
    const secondFits = offsetAt(second) === late;
    if (firstFits && secondFits) return Math.min(first, second); // fall-back: first occurrence
    if (secondFits) return second;
    // Either only the earlier offset fits, or the time falls in a spring-forward gap: like
    // luxon, read it with the pre-transition offset, i.e. push it forward by the gap.
    return first;
  };

  const localDay = (ts: number): number => Math.floor((ts + offsetAt(ts)) / DAY_MS);

  return { offsetAt, localToUtc, localDay };
}

/**
 * ISO weekday (1 = Monday .. 7 = Sunday) of a day number; day 0 (1970-01-01) was a Thursday.
 *
 * @example
 * isoWeekday(0); // 4
 */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * Day number (days since 1970-01-01) of a valid 'YYYY-MM-DD' date.
 *
 * @example
 * dayOfIsoDate('2026-01-05'); // 20458
 */
export function dayOfIsoDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}
