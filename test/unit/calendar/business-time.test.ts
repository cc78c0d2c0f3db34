import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  calendarFromWorkingHours,
  isOpen,
  nextClosing,
  nextOpening,
} from '../../../src/calendar/index.js';
import { at, shifts, weekdays } from './calendars.js';

// 2026-01-05 is a Monday. New York is UTC-5 in January, Kolkata UTC+05:30 all year.
const nyOffice = weekdays('America/New_York', '09:00', '17:00', ['2026-12-25']);
const overnight = weekdays('UTC', '22:00', '06:00');
const split = shifts('Asia/Kolkata', [
  [1, '09:00', '12:00'],
  [1, '13:00', '17:00'],
]);
const weekend = shifts('UTC', [
  [6, '18:00', '24:00'],
  [7, '00:00', '02:00'],
]);
const allDayWeekdays = calendarFromWorkingHours({
  isEnabled: true,
  timezone: 'UTC',
  workingDays: [1, 2, 3, 4, 5],
  dailyWorkingHourConfig: false,
});
const overlapping = shifts('UTC', [
  [1, '09:00', '12:00'],
  [1, '11:00', '14:00'],
]);
const chained = shifts('UTC', [
  ...[1, 2, 3, 4, 5].map((day): [number, string, string] => [day, '22:00', '06:00']),
  [2, '06:00', '10:00'],
]);

describe('addBusinessMinutes', () => {
  it.each([
    // Fri 16:00 + 120 (Mon–Fri 09–17) = Fri 16–17 (60) + Mon 09–10 (60) = Mon 10:00
    [nyOffice, '2026-01-09T21:00:00Z', 120, '2026-01-12T15:00:00Z'],
    // Sat 12:00 + 30 = Mon 09:00 + 30 = Mon 09:30
    [nyOffice, '2026-01-10T17:00:00Z', 30, '2026-01-12T14:30:00Z'],
    // Mon 09:00 + 480 = Mon 17:00: ends on the closing instant, not the next opening
    [nyOffice, '2026-01-12T14:00:00Z', 480, '2026-01-12T22:00:00Z'],
    // Mon 09:00 + 481 = Mon (480) + Tue 09:00 + 1 = Tue 09:01
    [nyOffice, '2026-01-12T14:00:00Z', 481, '2026-01-13T14:01:00Z'],
    // Thu 12-24 16:00 + 120 = Thu 16–17 (60), Fri 12-25 holiday, Mon 09–10 (60) = Mon 10:00
    [nyOffice, '2026-12-24T21:00:00Z', 120, '2026-12-28T15:00:00Z'],
    // Mon 09:00 + 1.25 = Mon 09:01:15 (fractional minutes, millisecond precision)
    [nyOffice, '2026-01-12T14:00:00Z', 1.25, '2026-01-12T14:01:15Z'],
    // Sat 12:00 + 0 = Sat 12:00: adding nothing never moves the instant, open or not
    [nyOffice, '2026-01-10T17:00:00Z', 0, '2026-01-10T17:00:00Z'],
    // Mon 01-05 09:00 + 12000 = 25 days × 480: Jan 5–9, 12–16, 19–23, 26–30, Feb 2–6 = Fri 17:00
    [nyOffice, '2026-01-05T14:00:00Z', 12000, '2026-02-06T22:00:00Z'],
    // Fri 23:00 + 60 (22:00–06:00 shifts) = Sat 00:00, still Friday's shift
    [overnight, '2026-01-09T23:00:00Z', 60, '2026-01-10T00:00:00Z'],
    // Fri 23:00 + 480 = Fri 23:00–Sat 06:00 (420) + Mon 22:00–23:00 (60) = Mon 23:00
    [overnight, '2026-01-09T23:00:00Z', 480, '2026-01-12T23:00:00Z'],
    // Sun 12:00 + 1 = Mon 22:01 (no shift starts on a weekend)
    [overnight, '2026-01-11T12:00:00Z', 1, '2026-01-12T22:01:00Z'],
    // Mon 11:00 IST + 90 (09–12, 13–17) = 11–12 (60) + 13:00–13:30 (30) = Mon 13:30 IST
    [split, '2026-01-05T05:30:00Z', 90, '2026-01-05T08:00:00Z'],
    // Mon 11:00 IST + 420 = Mon 60 + 240, then next Mon 09–11 (120) = Mon 01-12 11:00 IST
    [split, '2026-01-05T05:30:00Z', 420, '2026-01-12T05:30:00Z'],
    // Sat 23:00 + 120 (Sat 18:00–24:00, Sun 00:00–02:00) = Sun 01:00
    [weekend, '2026-01-10T23:00:00Z', 120, '2026-01-11T01:00:00Z'],
    // Fri 23:00 + 120 (Mon–Fri all day) = Fri 23–24 (60) + Mon 00–01 (60) = Mon 01:00
    [allDayWeekdays, '2026-01-09T23:00:00Z', 120, '2026-01-12T01:00:00Z'],
    // Mon 23:00 + 600 (22–06 shifts, Tue also 06–10) = one stretch Mon 23:00 → Tue 09:00
    [chained, '2026-01-12T23:00:00Z', 600, '2026-01-13T09:00:00Z'],
    // Sat 10:00 + 90 (24/7) = Sat 11:30: wall-clock minutes
    [ALWAYS_OPEN('Europe/Berlin'), '2026-01-10T10:00:00Z', 90, '2026-01-10T11:30:00Z'],
  ])('case %#: from %s + %d business minutes', (calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(calendar, at(start), minutes).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('refuses negative, infinite and NaN amounts and invalid dates', () => {
    for (const minutes of [-1, Infinity, NaN]) {
      expect(() => addBusinessMinutes(nyOffice, at('2026-01-12T14:00:00Z'), minutes)).toThrow(
        expect.objectContaining({ code: 'calendar_invalid_minutes' }),
      );
    }
    expect(() => addBusinessMinutes(nyOffice, new Date('nope'), 5)).toThrow(
      expect.objectContaining({ code: 'calendar_invalid_date' }),
    );
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    // Fri 16:00 → Mon 10:00 (Mon–Fri 09–17) = 60 + 60
    [nyOffice, '2026-01-09T21:00:00Z', '2026-01-12T15:00:00Z', 120],
    // backwards: Mon 10:00 → Fri 16:00 = -120
    [nyOffice, '2026-01-12T15:00:00Z', '2026-01-09T21:00:00Z', -120],
    // an empty range
    [nyOffice, '2026-01-12T15:00:00Z', '2026-01-12T15:00:00Z', 0],
    // Sat → Sun: closed all along
    [nyOffice, '2026-01-10T05:00:00Z', '2026-01-11T05:00:00Z', 0],
    // Mon 00:00 → next Mon 00:00 = 5 × 480
    [nyOffice, '2026-01-05T05:00:00Z', '2026-01-12T05:00:00Z', 2400],
    // Mon 09:00:00 → 09:00:30 = half a minute
    [nyOffice, '2026-01-12T14:00:00Z', '2026-01-12T14:00:30Z', 0.5],
    // Mon 10:00 → 16:00 IST (09–12, 13–17) = 120 + 180
    [split, '2026-01-05T04:30:00Z', '2026-01-05T10:30:00Z', 300],
    // Mon 00:00 → Sat 00:00 (22–06): Mon–Thu shifts 4 × 480 + Fri 22–24 (120); no Sunday shift spills
    [overnight, '2026-01-12T00:00:00Z', '2026-01-17T00:00:00Z', 2040],
    // Mon 09:00 → 15:00 with 09–12 and 11–14 overlapping = 09–14, counted once
    [overlapping, '2026-01-05T09:00:00Z', '2026-01-05T15:00:00Z', 300],
    // a week of 24/7
    [ALWAYS_OPEN('America/New_York'), '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', 10080],
  ])('case %#: %s → %s', (calendar, a, b, expected) => {
    expect(businessMinutesBetween(calendar, at(a), at(b))).toBe(expected);
  });
});

describe('isOpen, nextOpening and nextClosing', () => {
  it.each([
    // Mon 09:00 EST: the interval start is open; closes 17:00
    [nyOffice, '2026-01-12T14:00:00Z', true, '2026-01-12T14:00:00Z', '2026-01-12T22:00:00Z'],
    // Mon 17:00 EST: the interval end is closed; opens Tue 09:00
    [nyOffice, '2026-01-12T22:00:00Z', false, '2026-01-13T14:00:00Z', '2026-01-12T22:00:00Z'],
    // Sat 12:00: opens Mon 09:00
    [nyOffice, '2026-01-10T17:00:00Z', false, '2026-01-12T14:00:00Z', '2026-01-10T17:00:00Z'],
    // Fri 12-25 12:00, a holiday: opens Mon 12-28 09:00
    [nyOffice, '2026-12-25T17:00:00Z', false, '2026-12-28T14:00:00Z', '2026-12-25T17:00:00Z'],
    // Sat 05:59, Friday's 22:00–06:00 shift: closes Sat 06:00
    [overnight, '2026-01-10T05:59:00Z', true, '2026-01-10T05:59:00Z', '2026-01-10T06:00:00Z'],
    // Sat 06:00: next shift Mon 22:00
    [overnight, '2026-01-10T06:00:00Z', false, '2026-01-12T22:00:00Z', '2026-01-10T06:00:00Z'],
    // Mon 12:30 IST, the lunch break: opens 13:00 IST
    [split, '2026-01-05T07:00:00Z', false, '2026-01-05T07:30:00Z', '2026-01-05T07:00:00Z'],
    // Mon 10:00 IST: closes for lunch at 12:00 IST
    [split, '2026-01-05T04:30:00Z', true, '2026-01-05T04:30:00Z', '2026-01-05T06:30:00Z'],
    // Sat 20:00 (Sat 18:00–24:00, Sun 00:00–02:00): one stretch, closes Sun 02:00
    [weekend, '2026-01-10T20:00:00Z', true, '2026-01-10T20:00:00Z', '2026-01-11T02:00:00Z'],
    // Mon 10:00 with 09–12 and 11–14: merged, closes 14:00
    [overlapping, '2026-01-05T10:00:00Z', true, '2026-01-05T10:00:00Z', '2026-01-05T14:00:00Z'],
    // Mon 23:00, shift to Tue 06:00 then Tue 06–10: closes Tue 10:00
    [chained, '2026-01-12T23:00:00Z', true, '2026-01-12T23:00:00Z', '2026-01-13T10:00:00Z'],
  ])('case %#: at %s', (calendar, t, open, opening, closing) => {
    expect(isOpen(calendar, at(t))).toBe(open);
    expect(nextOpening(calendar, at(t)).toISOString()).toBe(new Date(opening).toISOString());
    expect(nextClosing(calendar, at(t)).toISOString()).toBe(new Date(closing).toISOString());
  });

  it('throws calendar_never_closes for nextClosing on a 24/7 calendar', () => {
    expect(() => nextClosing(ALWAYS_OPEN('UTC'), at('2026-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'calendar_never_closes' }),
    );
  });
});

describe('holidays and overnight shifts', () => {
  // 22:00–06:00 shifts; Tue 2026-01-13 is a holiday.
  const tuesdayOff = weekdays('UTC', '22:00', '06:00', ['2026-01-13']);
  // Same shifts; Mon 2026-01-12 is a holiday.
  const mondayOff = weekdays('UTC', '22:00', '06:00', ['2026-01-12']);

  it("keeps the previous day's shift open where it spills into a holiday", () => {
    // Mon 22:00 → Tue 06:00 belongs to Monday: open on Tue 03:00 despite the holiday
    expect(isOpen(tuesdayOff, at('2026-01-13T03:00:00Z'))).toBe(true);
    expect(nextClosing(tuesdayOff, at('2026-01-12T23:00:00Z')).toISOString()).toBe(
      '2026-01-13T06:00:00.000Z',
    );
  });

  it('removes the whole shift that starts on a holiday', () => {
    // Tue 22:00 shift removed: Tue 23:00 closed, next opening Wed 22:00
    expect(isOpen(tuesdayOff, at('2026-01-13T23:00:00Z'))).toBe(false);
    expect(nextOpening(tuesdayOff, at('2026-01-13T06:00:00Z')).toISOString()).toBe(
      '2026-01-14T22:00:00.000Z',
    );
    // Mon 22:00 → Tue 06:00 removed, spill-over included: Tue 03:00 closed
    expect(isOpen(mondayOff, at('2026-01-13T03:00:00Z'))).toBe(false);
    expect(nextOpening(mondayOff, at('2026-01-12T12:00:00Z')).toISOString()).toBe(
      '2026-01-13T22:00:00.000Z',
    );
  });
});
