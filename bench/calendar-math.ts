/**
 * (6) Calendar math: `addBusinessMinutes` calls/s on a realistic calendar (Europe/Berlin with
 * its DST changes, Mon–Fri split shifts, 20 holidays) from random instants over two years, by
 * up to 5 days, ÷ luxon's `DateTime.plus({ minutes })` in the same zone on the same inputs.
 */
import { DateTime } from 'luxon';
import {
  addBusinessMinutes,
  calendarFromWorkingHours,
  type WorkingHoursInput,
} from '../src/calendar/index.js';
import { callsPerSecond } from './lib/stats.js';
import type { BenchContext, Outcome } from './lib/report.js';

const ZONE = 'Europe/Berlin';
// prettier-ignore
const HOLIDAYS = [
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25',
  '2026-10-03', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01',
  '2027-03-26', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-17', '2027-10-03',
  '2027-12-24', '2027-12-25',
];

/** Seed 000's shape: working days Mon–Fri, 09:00–12:30 and 13:30–18:00, holidays. */
export const WORKING_HOURS: WorkingHoursInput = {
  isEnabled: true,
  timezone: ZONE,
  workingDays: [1, 2, 3, 4, 5],
  dailyWorkingHourConfig: true,
  dailyConfigurations: [1, 2, 3, 4, 5].flatMap((day) => [
    { day, start: '09:00', end: '12:30' },
    { day, start: '13:30', end: '18:00' },
  ]),
  holidayDates: HOLIDAYS,
};

/** A small deterministic generator, so every run draws the same inputs. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function calendarMath(ctx: BenchContext): Promise<Outcome> {
  const random = mulberry32(42);
  const from = Date.parse('2026-01-01T00:00:00Z');
  const span = Date.parse('2028-01-01T00:00:00Z') - from;
  const inputs = Array.from({ length: 10_000 }, () => ({
    start: new Date(from + Math.floor(random() * span)),
    minutes: Math.floor(random() * 5 * 24 * 60),
  }));
  const minMs = ctx.quick ? 500 : 2_000;
  const calendar = calendarFromWorkingHours(WORKING_HOURS);
  const business = callsPerSecond(
    inputs,
    (i) => addBusinessMinutes(calendar, i.start, i.minutes),
    minMs,
  );
  const luxon = callsPerSecond(
    inputs,
    (i) => DateTime.fromJSDate(i.start, { zone: ZONE }).plus({ minutes: i.minutes }).toJSDate(),
    minMs,
  );
  const wall = callsPerSecond(
    inputs,
    (i) => new Date(i.start.getTime() + i.minutes * 60_000),
    minMs,
  );
  // What src/services/timers/sla-math.ts does today: a fresh calendar (so a fresh compile) per call.
  const fresh = callsPerSecond(
    inputs.slice(0, 2_000),
    (i) => addBusinessMinutes(calendarFromWorkingHours(WORKING_HOURS), i.start, i.minutes),
    minMs,
  );
  const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
  return {
    rows: [
      {
        benchmark: '6. addBusinessMinutes',
        figure: fmt(business.callsPerSecond),
        baseline: `luxon plus(): ${fmt(luxon.callsPerSecond)}`,
        ratio: (business.callsPerSecond / luxon.callsPerSecond).toFixed(2),
      },
      {
        benchmark: '6b. same, new calendar per call',
        figure: fmt(fresh.callsPerSecond),
        baseline: `luxon plus(): ${fmt(luxon.callsPerSecond)}`,
        ratio: (fresh.callsPerSecond / luxon.callsPerSecond).toFixed(2),
      },
    ],
    raw: {
      calendar: WORKING_HOURS,
      inputs: { count: inputs.length, range: '2026-01-01..2027-12-31', minutes: '0..7199' },
      addBusinessMinutes: business,
      addBusinessMinutesFreshCalendar: fresh,
      luxonPlusMinutes: luxon,
      wallClockDate: wall,
    },
  };
}
