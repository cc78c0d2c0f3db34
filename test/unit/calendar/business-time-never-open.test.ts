import {
  Calendar,
  addBusinessMinutes,
  businessMinutesBetween,
  calendarFromBusinessHours,
  calendarFromWorkingHours,
  isOpen,
  nextClosing,
  nextOpening,
} from '../../../src/calendar/index.js';
import { at } from './calendars.js';

const t = at('2026-01-07T12:00:00Z');
const neverOpen = expect.objectContaining({ code: 'calendar_never_open' });

describe('calendars that are never open', () => {
  const cases: Array<[string, Calendar]> = [
    [
      'no working days',
      calendarFromWorkingHours({ isEnabled: true, timezone: 'UTC', workingDays: [] }),
    ],
    [
      'working days without any daily interval',
      calendarFromWorkingHours({
        isEnabled: true,
        timezone: 'Europe/Berlin',
        workingDays: [1, 2, 3],
        dailyWorkingHourConfig: true,
        dailyConfigurations: [{ day: 6, start: '09:00', end: '17:00' }], // Saturday is not a working day
      }),
    ],
    [
      'every business_hours day disabled',
      calendarFromBusinessHours(
        { monday: { enabled: false, start: '09:00', end: '17:00' }, tuesday: null },
        'America/New_York',
      ),
    ],
    [
      'a hand-built calendar with empty days',
      Calendar.parse({
        timezone: 'Asia/Kolkata',
        weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
        holidays: [],
      }),
    ],
  ];

  // A search for an opening that never comes would run until Jest's timeout; no wall-clock bound
  // here, since a loaded machine (CI) can make any such bound fail.
  it.each(cases)('throws calendar_never_open instead of searching on: %s', (_name, calendar) => {
    expect(() => addBusinessMinutes(calendar, t, 1)).toThrow(neverOpen);
    expect(() => nextOpening(calendar, t)).toThrow(neverOpen);
  });

  it.each(cases)('answers the questions that have an answer: %s', (_name, calendar) => {
    expect(isOpen(calendar, t)).toBe(false);
    expect(nextClosing(calendar, t)).toEqual(t);
    expect(businessMinutesBetween(calendar, t, at('2036-01-01T00:00:00Z'))).toBe(0);
    expect(addBusinessMinutes(calendar, t, 0)).toEqual(t);
  });

  it('opens after the last holiday when the only working day is always a holiday', () => {
    // Mondays only, and every Monday of 2026 is a holiday: holidays are finite, so it opens
    // on the first Monday of 2027 (2027-01-04 09:00 UTC), found without looping forever.
    const mondays2026 = Array.from({ length: 52 }, (_, week) =>
      new Date(Date.UTC(2026, 0, 5 + 7 * week)).toISOString().slice(0, 10),
    );
    const calendar = calendarFromWorkingHours({
      isEnabled: true,
      timezone: 'UTC',
      workingDays: [1],
      dailyWorkingHourConfig: true,
      dailyConfigurations: [{ day: 1, start: '09:00', end: '17:00' }],
      holidayDates: mondays2026,
    });
    expect(nextOpening(calendar, t).toISOString()).toBe('2027-01-04T09:00:00.000Z');
    // 2026-01-07 + 60 = Mon 2027-01-04 09:00 + 60
    expect(addBusinessMinutes(calendar, t, 60).toISOString()).toBe('2027-01-04T10:00:00.000Z');
  });
});
