import { z } from 'zod';
import {
  ALWAYS_OPEN,
  DAY_MINUTES,
  assertTimezone,
  build,
  emptyWeek,
  weekdayKey,
  type Calendar,
  type OpenInterval,
} from './calendar.js';
import { CalendarError } from './errors.js';
import { isValidTimezone } from './zone-time.js';

/**
 * Calendars from the settings that describe working hours: seed 000's `workingHoursConfig` and
 * seed 002's channel `business_hours`.
 */

/** Seed 000's `workingHoursConfig` (other keys, such as the out-of-office reply, pass through). */
export const WorkingHoursInput = z.looseObject({
  isEnabled: z.boolean(),
  timezone: z.string(),
  workingDays: z.array(z.number()).default([]),
  dailyWorkingHourConfig: z.boolean().default(false),
  dailyConfigurations: z
    .array(z.looseObject({ day: z.number(), start: z.string(), end: z.string() }))
    .default([]),
  holidayDates: z.array(z.string()).default([]),
});
export type WorkingHoursInput = z.input<typeof WorkingHoursInput>;

const DaySchedule = z.object({ enabled: z.boolean(), start: z.string(), end: z.string() });
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Seed 002's channel `business_hours`: one optional, nullable schedule per weekday. */
export const BusinessHoursInput = z.strictObject({
  monday: DaySchedule.nullish(),
  tuesday: DaySchedule.nullish(),
  wednesday: DaySchedule.nullish(),
  thursday: DaySchedule.nullish(),
  friday: DaySchedule.nullish(),
  saturday: DaySchedule.nullish(),
  sunday: DaySchedule.nullish(),
});
export type BusinessHoursInput = z.input<typeof BusinessHoursInput>;

/**
 * Builds a calendar from seed 000's `workingHoursConfig`. Each of `workingDays` (ISO, 1 = Monday)
 * is open all day, or, with `dailyWorkingHourConfig`, during its `dailyConfigurations`
 * intervals (several per day allowed; a working day without one is closed). A disabled config
 * gives `ALWAYS_OPEN` (its zone if valid, else UTC: a 24/7 calendar does not depend on it).
 *
 * @example
 * calendarFromWorkingHours({ isEnabled: true, timezone: 'America/New_York', workingDays: [1, 2, 3, 4, 5],
 *   dailyWorkingHourConfig: true, dailyConfigurations: [{ day: 1, start: '09:00', end: '17:00' }],
 *   holidayDates: ['2026-12-25'] });
 */
export function calendarFromWorkingHours(cfg: WorkingHoursInput): Calendar {
  const parsed = WorkingHoursInput.safeParse(cfg);
  if (!parsed.success) throw configError(parsed.error, 'workingHoursConfig');
  const input = parsed.data;
  if (!input.isEnabled)
    return ALWAYS_OPEN(isValidTimezone(input.timezone) ? input.timezone : 'UTC');
  assertTimezone(input.timezone);

  const weekly = emptyWeek();
  const working = new Set(input.workingDays.map((day) => assertWeekday(day)));
  if (input.dailyWorkingHourConfig) {
    for (const { day, start, end } of input.dailyConfigurations) {
      const interval = parseInterval(start, end);
      if (working.has(assertWeekday(day))) weekly[weekdayKey(day)].push(interval);
    }
  } else {
    for (const day of working) weekly[weekdayKey(day)].push({ start: 0, end: DAY_MINUTES });
  }
  return build(input.timezone, weekly, input.holidayDates);
}

/**
 * Builds a calendar from seed 002's channel `business_hours`. A day that is missing, `null`
 * or `enabled: false` is closed (its times are then ignored, not validated).
 *
 * @example
 * calendarFromBusinessHours({ monday: { enabled: true, start: '09:00', end: '17:00' }, sunday: null },
 *   'Europe/Berlin', ['2026-12-25']);
 */
export function calendarFromBusinessHours(
  businessHours: BusinessHoursInput,
  timezone: string,
  holidays: readonly string[] = [],
): Calendar {
  const parsed = BusinessHoursInput.safeParse(businessHours);
  if (!parsed.success) throw configError(parsed.error, 'business_hours');
  assertTimezone(timezone);
  const weekly = emptyWeek();
  DAY_NAMES.forEach((name, index) => {
    const schedule = parsed.data[name as keyof typeof parsed.data];
    if (schedule?.enabled)
      weekly[weekdayKey(index + 1)].push(parseInterval(schedule.start, schedule.end));
  });
  return build(timezone, weekly, holidays);
}

/**
 * Minutes from midnight of 'HH:mm' ('00:00'..'23:59', and '24:00' when `allowMidnightEnd`).
 *
 * @example
 * parseTimeOfDay('17:30'); // 1050
 */
export function parseTimeOfDay(value: string, allowMidnightEnd = false): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  if (allowMidnightEnd && value === '24:00') return DAY_MINUTES;
  const expected = allowMidnightEnd ? "'HH:mm' or '24:00'" : "'HH:mm'";
  throw new CalendarError(
    'calendar_invalid_time',
    `invalid time ${JSON.stringify(value)}: expected ${expected}`,
  );
}

/** 'HH:mm'–'HH:mm' as minutes; an end before the start runs past midnight. */
function parseInterval(start: string, end: string): OpenInterval {
  const from = parseTimeOfDay(start);
  const to = parseTimeOfDay(end, true);
  if (to === from) {
    throw new CalendarError('calendar_empty_interval', `interval ${start}–${end} is empty`);
  }
  return { start: from, end: to > from ? to : to + DAY_MINUTES };
}

function assertWeekday(day: number): number {
  if (!Number.isInteger(day) || day < 1 || day > 7) {
    throw new CalendarError(
      'calendar_invalid_weekday',
      `invalid weekday ${day}: expected 1 (Monday) to 7 (Sunday)`,
    );
  }
  return day;
}

function configError(error: z.ZodError, what: string): CalendarError {
  const issue = error.issues[0];
  const at = [what, ...(issue?.path ?? [])].join('.');
  return new CalendarError('calendar_invalid_config', `invalid ${at}: ${issue?.message}`);
}
