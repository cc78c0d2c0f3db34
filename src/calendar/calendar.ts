import { z } from 'zod';
import { CalendarError, type CalendarErrorCode } from './errors.js';
import { isValidTimezone } from './zone-time.js';

const DAY_MINUTES = 1440;

/**
 * One open interval of a weekday, in minutes from that day's local midnight. `end` may pass
 * 1440 (an overnight shift, e.g. 22:00–06:00 is 1320–1800), at most 24 hours after `start`.
 */
export const OpenInterval = z
  .object({
    start: z
      .int()
      .min(0)
      .max(DAY_MINUTES - 1),
    end: z.int().max(2 * DAY_MINUTES),
  })
  .refine((i) => i.end > i.start && i.end <= i.start + DAY_MINUTES, {
    message: 'end must be after start and at most 24 hours later',
  });
export type OpenInterval = z.infer<typeof OpenInterval>;

const IsoDate = z.iso.date();

/** ISO weekday as a record key: '1' = Monday .. '7' = Sunday. */
export const Weekday = z.enum(['1', '2', '3', '4', '5', '6', '7']);
export type Weekday = z.infer<typeof Weekday>;

/**
 * A business-hours calendar: weekly open intervals in local wall-clock time of `timezone`,
 * and holidays ('YYYY-MM-DD' in that zone) on which no interval *starts*. An overnight
 * shift belongs to the day it starts on: a holiday removes the shift that starts on it but
 * not the part of the previous day's shift that spills into it. Treat a calendar as an
 * immutable value (the constructors freeze theirs): queries memoise per calendar object.
 *
 * @example
 * Calendar.parse({ timezone: 'Europe/Berlin', holidays: ['2026-12-25'],
 *   weekly: { '1': [{ start: 540, end: 1020 }], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] } });
 */
export const Calendar = z.object({
  timezone: z.string().refine(isValidTimezone, { message: 'unknown IANA time zone' }),
  weekly: z.record(Weekday, z.array(OpenInterval)),
  holidays: z.array(IsoDate),
});
export type Calendar = z.infer<typeof Calendar>;

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

const ISSUE_CODES: Record<string, CalendarErrorCode> = {
  timezone: 'calendar_invalid_timezone',
  weekly: 'calendar_invalid_interval',
  holidays: 'calendar_invalid_holiday',
};

/**
 * Parses a stored or hand-built calendar, throwing a `CalendarError` with a precise code.
 *
 * @example
 * parseCalendar(doc.calendar); // throws CalendarError('calendar_invalid_timezone') for 'Mars/Base'
 */
export function parseCalendar(input: unknown): Calendar {
  const parsed = Calendar.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const code = ISSUE_CODES[field] ?? 'calendar_invalid_config';
  throw new CalendarError(code, `invalid calendar at ${issue?.path.join('.')}: ${issue?.message}`);
}

/**
 * A 24/7 calendar: business minutes are wall-clock minutes. Used when working hours are
 * disabled, so SLA math needs no special case.
 *
 * @example
 * addBusinessMinutes(ALWAYS_OPEN('UTC'), new Date('2026-01-03T10:00Z'), 90); // 11:30Z, a Saturday
 */
export function ALWAYS_OPEN(timezone: string): Calendar {
  assertTimezone(timezone);
  const allDay = (): OpenInterval[] => [{ start: 0, end: DAY_MINUTES }];
  return freeze({
    timezone,
    weekly: {
      1: allDay(),
      2: allDay(),
      3: allDay(),
      4: allDay(),
      5: allDay(),
      6: allDay(),
      7: allDay(),
    },
    holidays: [],
  });
}

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

function assertTimezone(timezone: string): void {
  if (!isValidTimezone(timezone)) {
    throw new CalendarError(
      'calendar_invalid_timezone',
      `unknown IANA time zone ${JSON.stringify(timezone)}`,
    );
  }
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

function weekdayKey(day: number): Weekday {
  return String(day) as Weekday;
}

function emptyWeek(): Calendar['weekly'] {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

function build(
  timezone: string,
  weekly: Calendar['weekly'],
  holidays: readonly string[],
): Calendar {
  for (const date of holidays) {
    if (!IsoDate.safeParse(date).success) {
      throw new CalendarError(
        'calendar_invalid_holiday',
        `invalid holiday ${JSON.stringify(date)}: expected 'YYYY-MM-DD'`,
      );
    }
  }
  return freeze({ timezone, weekly, holidays: [...holidays] });
}

function configError(error: z.ZodError, what: string): CalendarError {
  const issue = error.issues[0];
  const at = [what, ...(issue?.path ?? [])].join('.');
  return new CalendarError('calendar_invalid_config', `invalid ${at}: ${issue?.message}`);
}

/** Calendars are values: queries memoise per calendar object, so it must not change. */
function freeze(calendar: Calendar): Calendar {
  for (const intervals of Object.values(calendar.weekly)) {
    intervals.forEach((interval) => Object.freeze(interval));
    Object.freeze(intervals);
  }
  Object.freeze(calendar.weekly);
  Object.freeze(calendar.holidays);
  return Object.freeze(calendar);
}
