import { z } from 'zod';
import { CalendarError, type CalendarErrorCode } from './errors.js';
import { isValidTimezone } from './zone-time.js';

/** Minutes in a day. */
export const DAY_MINUTES = 1440;

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

/** Throws `calendar_invalid_timezone` for a zone luxon does not know. */
export function assertTimezone(timezone: string): void {
  if (!isValidTimezone(timezone)) {
    throw new CalendarError(
      'calendar_invalid_timezone',
      `unknown IANA time zone ${JSON.stringify(timezone)}`,
    );
  }
}

export function weekdayKey(day: number): Weekday {
  return String(day) as Weekday;
}

export function emptyWeek(): Calendar['weekly'] {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

/** A frozen calendar, its holidays checked. */
export function build(
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
