import { calendarFromWorkingHours, type Calendar } from '../../../src/calendar/index.js';

/** Shared example calendars for the calendar tests, built through the settings constructor. */

type Shift = [day: number, start: string, end: string];

/** A calendar open during `shifts` (`[isoWeekday, 'HH:mm', 'HH:mm']`) in `timezone`. */
export function shifts(timezone: string, list: Shift[], holidayDates: string[] = []): Calendar {
  return calendarFromWorkingHours({
    isEnabled: true,
    timezone,
    workingDays: [...new Set(list.map(([day]) => day))],
    dailyWorkingHourConfig: true,
    dailyConfigurations: list.map(([day, start, end]) => ({ day, start, end })),
    holidayDates,
  });
}

/** Monday to Friday, the same hours every day. */
export function weekdays(timezone: string, start: string, end: string, holidays: string[] = []) {
  return shifts(
    timezone,
    [1, 2, 3, 4, 5].map((day): Shift => [day, start, end]),
    holidays,
  );
}

export const at = (iso: string): Date => new Date(iso);
