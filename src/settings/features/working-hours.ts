import { z } from 'zod';
import { HHMM, HHMMEnd, Hours, IanaTimeZone, IsoDate } from '../primitives.js';

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's `weekday`). */
export const IsoWeekday = z.number().int().min(1).max(7);

/**
 * One opening interval on one weekday. A day may have several entries (split shifts). An `end`
 * earlier than `start` means the interval runs past midnight into the next day; `end: '24:00'`
 * means until midnight. `start` and `end` must differ (use 00:00–24:00 for the whole day).
 */
export const DailyConfiguration = z
  .strictObject({
    day: IsoWeekday.describe('The ISO weekday (1 = Monday … 7 = Sunday).'),
    start: HHMM.describe('Opening time, HH:mm.'),
    end: HHMMEnd.describe('Closing time, HH:mm (24:00 for midnight; before start: the next day).'),
  })
  .refine((interval) => interval.start !== interval.end, {
    error: 'start and end must differ',
    path: ['end'],
  });
export type DailyConfiguration = z.infer<typeof DailyConfiguration>;

const weekdays9to5: DailyConfiguration[] = [1, 2, 3, 4, 5].map((day) => ({
  day,
  start: '09:00',
  end: '17:00',
}));

function unique<T>(items: T[]): boolean {
  return new Set(items).size === items.length;
}

/**
 * When the support team is at work. Response SLAs only count working time when `isEnabled`;
 * outside it the out-of-office auto-reply may answer.
 */
export const WorkingHoursConfig = z
  .strictObject({
    isEnabled: z
      .boolean()
      .default(false)
      .describe('Indicates if the working hours configuration is enabled.'),
    timezone: IanaTimeZone.default('UTC').describe('Timezone for the working hours configuration.'),
    workingDays: z
      .array(IsoWeekday)
      .min(1)
      .max(7)
      .refine(unique, { error: 'Working days must not repeat' })
      .default([1, 2, 3, 4, 5])
      .describe('List of working days (ISO weekday numbers, 1 = Monday … 7 = Sunday).'),
    dailyWorkingHourConfig: z
      .boolean()
      .default(true)
      .describe(
        'When true, the open hours of each working day come from dailyConfigurations; ' +
          'when false, every working day is open all day.',
      ),
    dailyConfigurations: z
      .array(DailyConfiguration)
      .max(100)
      .default(weekdays9to5)
      .describe(
        'Daily configurations for working hours: {day, start, end} intervals; several per day ' +
          'allowed; end before start runs past midnight; entries for non-working days are ignored.',
      ),
    holidayDates: z
      .array(IsoDate)
      .max(1000)
      .refine(unique, { error: 'Holiday dates must not repeat' })
      .default([])
      .describe('List of holiday dates (YYYY-MM-DD, in the configured timezone).'),
    sendOutOfOfficeAutoReply: z
      .boolean()
      .default(false)
      .describe('Sends an out-of-office auto-reply during non-working hours.'),
    outOfOfficeAutoReplyMessage: z
      .string()
      .max(4000)
      .default(
        "Thanks for your message! Our team is outside working hours right now; we'll get back " +
          'to you as soon as we are back.',
      )
      .describe('The message sent as the out-of-office auto-reply.'),
    useCsmAvatarForAutoReply: z
      .boolean()
      .default(false)
      .describe("Uses the CSM's avatar for the out-of-office auto-reply."),
    outOfOfficeAutoReplyGroupingWindow: Hours.default(12).describe(
      'Time window (in hours) for grouping out-of-office auto-replies: at most one auto-reply ' +
        'per channel within the window; 0 replies to every message outside working hours.',
    ),
  })
  .prefault({});
export type WorkingHoursConfig = z.infer<typeof WorkingHoursConfig>;
