import fc from 'fast-check';
import {
  calendarFromWorkingHours,
  type Calendar,
  type WorkingHoursInput,
} from '../../../src/calendar/index.js';

/** fast-check generators for random calendars and instants (2026–2027). */

/** DST zones (north and south, a 30-minute DST, a midnight change) and fixed ones. */
export const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
] as const;

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2028-01-01T00:00:00Z');

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** An 'HH:mm' pair lasting `shortest` minutes to 23h59; ends at '24:00' or past midnight sometimes. */
const intervalOf = (shortest: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: shortest, max: 1439 }))
    .map(([start, length]) => ({
      start: hhmm(start),
      end: start + length === 1440 ? '24:00' : hhmm((start + length) % 1440),
    }));
export const interval = intervalOf(1);

const date = fc
  .integer({ min: FROM / 86_400_000, max: TO / 86_400_000 - 1 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

/** A `workingHoursConfig` with at least one working day that has an open interval. */
export const workingHours: fc.Arbitrary<WorkingHoursInput> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    dailyWorkingHourConfig: fc.boolean(),
    // At least half an hour a week, so large amounts stay within decades of day stepping.
    first: intervalOf(30),
    more: fc.array(fc.record({ day: fc.integer({ min: 1, max: 7 }), interval }), { maxLength: 8 }),
    holidayDates: fc.uniqueArray(date, { maxLength: 30 }),
  })
  .map(({ first, more, workingDays, ...rest }) => ({
    ...rest,
    isEnabled: true,
    workingDays,
    dailyConfigurations: [
      { day: workingDays[0] as number, ...first },
      ...more.map(({ day, interval }) => ({ day, ...interval })),
    ],
  }));

export const calendar: fc.Arbitrary<Calendar> = workingHours.map(calendarFromWorkingHours);

/** Any millisecond in 2026–2027. */
export const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));

/** Business minutes with millisecond resolution: mostly up to two days, sometimes ~3 weeks. */
export const minutes = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0, max: 3_000 * 60_000 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 30_000 * 60_000 }), weight: 1 },
  )
  .map((ms) => ms / 60_000);

/** Whole milliseconds of a minutes amount, to compare without floating-point noise. */
export const ms = (value: number): number => Math.round(value * 60_000);
