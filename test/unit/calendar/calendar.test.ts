import {
  ALWAYS_OPEN,
  CalendarError,
  addBusinessMinutes,
  calendarFromBusinessHours,
  calendarFromWorkingHours,
  isOpen,
  parseCalendar,
  parseTimeOfDay,
  type WorkingHoursInput,
} from '../../../src/calendar/index.js';
import { at } from './calendars.js';

const none = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
const base: WorkingHoursInput = {
  isEnabled: true,
  timezone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
  dailyWorkingHourConfig: true,
  dailyConfigurations: [],
  holidayDates: [],
  sendOutOfOfficeAutoReply: true, // settings the calendar does not use pass through
};

describe('calendarFromWorkingHours', () => {
  it('turns daily configurations into minutes, overnight and split shifts included', () => {
    const calendar = calendarFromWorkingHours({
      ...base,
      workingDays: [1, 5],
      dailyConfigurations: [
        { day: 1, start: '09:00', end: '12:00' },
        { day: 1, start: '13:00', end: '17:30' },
        { day: 5, start: '22:00', end: '06:00' }, // 1320 → 360 + 1440
        { day: 3, start: '09:00', end: '17:00' }, // Wednesday is not a working day: ignored
      ],
      holidayDates: ['2026-12-25'],
    });
    expect(calendar).toEqual({
      timezone: 'Europe/Berlin',
      weekly: {
        ...none,
        1: [
          { start: 540, end: 720 },
          { start: 780, end: 1050 },
        ],
        5: [{ start: 1320, end: 1800 }],
      },
      holidays: ['2026-12-25'],
    });
    expect(Object.isFrozen(calendar.weekly[1])).toBe(true);
  });

  it('opens every working day around the clock without daily configurations', () => {
    const calendar = calendarFromWorkingHours({
      ...base,
      dailyWorkingHourConfig: false,
      workingDays: [6, 7],
    });
    expect(calendar.weekly).toEqual({
      ...none,
      6: [{ start: 0, end: 1440 }],
      7: [{ start: 0, end: 1440 }],
    });
  });

  it("accepts '24:00' as an end", () => {
    const calendar = calendarFromWorkingHours({
      ...base,
      dailyConfigurations: [{ day: 2, start: '18:00', end: '24:00' }],
    });
    expect(calendar.weekly[2]).toEqual([{ start: 1080, end: 1440 }]);
  });

  it('is 24/7 when disabled, in the configured zone (UTC when that zone is unusable)', () => {
    expect(calendarFromWorkingHours({ ...base, isEnabled: false })).toEqual(
      ALWAYS_OPEN('Europe/Berlin'),
    );
    expect(calendarFromWorkingHours({ ...base, isEnabled: false, timezone: '' })).toEqual(
      ALWAYS_OPEN('UTC'),
    );
  });

  it.each([
    ['calendar_invalid_timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['calendar_invalid_timezone', { timezone: '' }],
    ['calendar_invalid_weekday', { workingDays: [0] }],
    ['calendar_invalid_weekday', { workingDays: [8] }],
    [
      'calendar_invalid_weekday',
      { dailyConfigurations: [{ day: 9, start: '09:00', end: '17:00' }] },
    ],
    ['calendar_invalid_time', { dailyConfigurations: [{ day: 1, start: '9:00', end: '17:00' }] }],
    ['calendar_invalid_time', { dailyConfigurations: [{ day: 1, start: '09:00', end: '25:00' }] }],
    ['calendar_invalid_time', { dailyConfigurations: [{ day: 1, start: '09:60', end: '17:00' }] }],
    ['calendar_invalid_time', { dailyConfigurations: [{ day: 1, start: '24:00', end: '06:00' }] }],
    [
      'calendar_empty_interval',
      { dailyConfigurations: [{ day: 1, start: '09:00', end: '09:00' }] },
    ],
    ['calendar_invalid_holiday', { holidayDates: ['2026-02-30'] }],
    ['calendar_invalid_holiday', { holidayDates: ['25.12.2026'] }],
    ['calendar_invalid_config', { workingDays: 'weekdays' }],
  ])('throws %s for %j', (code, override) => {
    const build = () => calendarFromWorkingHours({ ...base, ...override } as WorkingHoursInput);
    expect(build).toThrow(CalendarError);
    expect(build).toThrow(expect.objectContaining({ code }));
  });
});

describe('calendarFromBusinessHours', () => {
  it("builds seed 002's business_hours, treating null, missing and disabled days as closed", () => {
    const calendar = calendarFromBusinessHours(
      {
        monday: { enabled: true, start: '09:00', end: '17:00' },
        tuesday: { enabled: true, start: '20:00', end: '04:00' },
        wednesday: { enabled: false, start: '', end: '' }, // a disabled day's times are not checked
        thursday: null,
      },
      'America/New_York',
      ['2026-07-03'],
    );
    expect(calendar).toEqual({
      timezone: 'America/New_York',
      weekly: { ...none, 1: [{ start: 540, end: 1020 }], 2: [{ start: 1200, end: 1680 }] },
      holidays: ['2026-07-03'],
    });
    // Mon 2026-01-12 17:00 EST + 30 = Tue 20:30 EST (2026-01-14T01:30Z)
    expect(addBusinessMinutes(calendar, at('2026-01-12T22:00:00Z'), 30).toISOString()).toBe(
      '2026-01-14T01:30:00.000Z',
    );
    // Wed 03:00 EST, Tuesday's shift spilling past midnight
    expect(isOpen(calendar, at('2026-01-14T08:00:00Z'))).toBe(true);
  });

  it.each([
    ['calendar_invalid_timezone', {}, 'Nowhere/Town', []],
    ['calendar_invalid_time', { friday: { enabled: true, start: '9am', end: '5pm' } }, 'UTC', []],
    [
      'calendar_empty_interval',
      { friday: { enabled: true, start: '10:00', end: '10:00' } },
      'UTC',
      [],
    ],
    ['calendar_invalid_holiday', {}, 'UTC', ['2026-13-01']],
    [
      'calendar_invalid_config',
      { mondy: { enabled: true, start: '09:00', end: '17:00' } },
      'UTC',
      [],
    ],
    ['calendar_invalid_config', { monday: { start: '09:00', end: '17:00' } }, 'UTC', []],
  ])('throws %s', (code, hours, timezone, holidays) => {
    expect(() => calendarFromBusinessHours(hours as never, timezone, holidays)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('ALWAYS_OPEN', () => {
  it('is open all day every day and checks its zone', () => {
    expect(ALWAYS_OPEN('Asia/Kolkata').weekly[3]).toEqual([{ start: 0, end: 1440 }]);
    expect(isOpen(ALWAYS_OPEN('Asia/Kolkata'), at('2026-01-04T03:17:00Z'))).toBe(true);
    expect(() => ALWAYS_OPEN('Asia/Atlantis')).toThrow(
      expect.objectContaining({ code: 'calendar_invalid_timezone' }),
    );
  });
});

describe('parseCalendar', () => {
  it.each([
    ['calendar_invalid_timezone', { timezone: 'Bad/Zone', weekly: none, holidays: [] }],
    [
      'calendar_invalid_interval',
      { timezone: 'UTC', weekly: { ...none, 1: [{ start: 600, end: 600 }] }, holidays: [] },
    ],
    [
      'calendar_invalid_interval',
      { timezone: 'UTC', weekly: { ...none, 1: [{ start: 0, end: 1441 }] }, holidays: [] },
    ],
    ['calendar_invalid_interval', { timezone: 'UTC', weekly: { 1: [] }, holidays: [] }],
    ['calendar_invalid_holiday', { timezone: 'UTC', weekly: none, holidays: ['tomorrow'] }],
    ['calendar_invalid_config', null],
  ])('throws %s', (code, input) => {
    expect(() => parseCalendar(input)).toThrow(expect.objectContaining({ code }));
  });

  it('is applied to hand-built calendars before any query', () => {
    const bad = { timezone: 'UTC', weekly: { ...none, 2: [{ start: -5, end: 60 }] }, holidays: [] };
    expect(() => isOpen(bad, at('2026-01-06T00:30:00Z'))).toThrow(
      expect.objectContaining({ code: 'calendar_invalid_interval' }),
    );
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['00:00', false, 0],
    ['09:05', false, 545],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
  ])('reads %s', (value, allowMidnightEnd, minutes) => {
    expect(parseTimeOfDay(value, allowMidnightEnd)).toBe(minutes);
  });
});
