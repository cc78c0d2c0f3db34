import { DateTime, Settings } from 'luxon';
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  isOpen,
  nextClosing,
  nextOpening,
} from '../../../src/calendar/index.js';
import { at, shifts, weekdays } from './calendars.js';

// New York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).
// Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
const nyOffice = weekdays('America/New_York', '09:00', '17:00');
const berlinOffice = weekdays('Europe/Berlin', '09:00', '17:00');
const nySundayNight = shifts('America/New_York', [[7, '00:00', '06:00']]);
const nySaturdayOvernight = shifts('America/New_York', [[6, '22:00', '06:00']]);
const berlinSunday = shifts('Europe/Berlin', [[7, '00:00', '24:00']]);
const berlinSaturdayOvernight = shifts('Europe/Berlin', [[6, '22:00', '06:00']]);

describe('business time across DST changes', () => {
  it.each([
    // NY Fri 03-06 16:00 EST + 120 = Fri 16–17 (60) + Mon 09–10 EDT (60); offset moved -5 → -4
    [nyOffice, '2026-03-06T21:00:00Z', 120, '2026-03-09T14:00:00Z'],
    // NY Fri 10-30 16:00 EDT + 120 = Mon 11-02 10:00 EST; offset moved -4 → -5
    [nyOffice, '2026-10-30T20:00:00Z', 120, '2026-11-02T15:00:00Z'],
    // NY Sun 03-08 00:00–06:00 is 5 real hours (02:00–03:00 never happens): 00:00 EST + 300 = 06:00 EDT
    [nySundayNight, '2026-03-08T05:00:00Z', 300, '2026-03-08T10:00:00Z'],
    // NY Sun 11-01 00:00–06:00 is 7 real hours (01:00–02:00 happens twice): 00:00 EDT + 420 = 06:00 EST
    [nySundayNight, '2026-11-01T04:00:00Z', 420, '2026-11-01T11:00:00Z'],
    // Berlin Fri 03-27 16:00 CET + 120 = Mon 03-30 10:00 CEST
    [berlinOffice, '2026-03-27T15:00:00Z', 120, '2026-03-30T08:00:00Z'],
    // Berlin Fri 10-23 16:00 CEST + 120 = Mon 10-26 10:00 CET
    [berlinOffice, '2026-10-23T14:00:00Z', 120, '2026-10-26T09:00:00Z'],
    // Berlin Sun 03-29 is 23 hours: 00:00 CET + 1380 = 24:00 CEST, the end of the day's interval
    [berlinSunday, '2026-03-28T23:00:00Z', 1380, '2026-03-29T22:00:00Z'],
    // Berlin Sun 10-25 is 25 hours: 00:00 CEST + 1500 = 24:00 CET
    [berlinSunday, '2026-10-24T22:00:00Z', 1500, '2026-10-25T23:00:00Z'],
  ])('case %#: from %s + %d business minutes', (calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(calendar, at(start), minutes).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it.each([
    // NY Sat 03-07 22:00 EST → Sun 06:00 EDT = 7 real hours, not 8
    [nySaturdayOvernight, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z', 420],
    // NY Sat 10-31 22:00 EDT → Sun 06:00 EST = 9 real hours
    [nySaturdayOvernight, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z', 540],
    // NY, an ordinary Saturday night = 8 hours
    [nySaturdayOvernight, '2026-01-10T00:00:00Z', '2026-01-12T00:00:00Z', 480],
    // Berlin Sat 03-28 22:00 CET → Sun 06:00 CEST = 7 hours
    [berlinSaturdayOvernight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 420],
    // Berlin Sat 10-24 22:00 CEST → Sun 06:00 CET = 9 hours
    [berlinSaturdayOvernight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 540],
    // Berlin 24/7 over the spring Sunday: 23 hours; over the autumn Sunday: 25 hours
    [ALWAYS_OPEN('Europe/Berlin'), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 1380],
    [ALWAYS_OPEN('Europe/Berlin'), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 1500],
  ])('case %#: %s → %s', (calendar, a, b, expected) => {
    expect(businessMinutesBetween(calendar, at(a), at(b))).toBe(expected);
  });

  it('maps a start inside the spring-forward gap forward by the gap, as luxon does', () => {
    // NY Sun 03-08 02:30 does not exist: read with EST it is 07:30Z = 03:30 EDT; 03:30–05:00 EDT = 90
    const gapStart = shifts('America/New_York', [[7, '02:30', '05:00']]);
    const luxon = DateTime.fromObject(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      { zone: 'America/New_York' },
    );
    expect(nextOpening(gapStart, at('2026-03-08T05:00:00Z')).toISOString()).toBe(
      luxon.toUTC().toISO(),
    );
    expect(nextOpening(gapStart, at('2026-03-08T05:00:00Z')).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(
      businessMinutesBetween(gapStart, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z')),
    ).toBe(90);
    // Berlin Sun 03-29 02:00–04:00: 02:00 CET does not exist → 03:00 CEST (01:00Z); 03:00–04:00 CEST = 60
    const berlinGap = shifts('Europe/Berlin', [[7, '02:00', '04:00']]);
    expect(nextOpening(berlinGap, at('2026-03-28T23:00:00Z')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(nextClosing(berlinGap, at('2026-03-29T01:00:00Z')).toISOString()).toBe(
      '2026-03-29T02:00:00.000Z',
    );
  });

  it('reads an ambiguous fall-back time as its first occurrence, whatever the current date', () => {
    // NY Sun 11-01 01:30–03:00: 01:30 is first 01:30 EDT (05:30Z); 03:00 EST is 08:00Z = 150 min
    const ambiguous = shifts('America/New_York', [[7, '01:30', '03:00']]);
    const saved = Settings.now;
    try {
      for (const now of ['2026-07-01T00:00:00Z', '2026-12-01T00:00:00Z']) {
        // luxon itself would answer differently in summer and in winter here
        Settings.now = () => Date.parse(now);
        expect(nextOpening(ambiguous, at('2026-11-01T04:00:00Z')).toISOString()).toBe(
          '2026-11-01T05:30:00.000Z',
        );
      }
    } finally {
      Settings.now = saved;
    }
    expect(isOpen(ambiguous, at('2026-11-01T05:15:00Z'))).toBe(false); // 01:15 EDT
    expect(isOpen(ambiguous, at('2026-11-01T06:15:00Z'))).toBe(true); // 01:15 EST
    expect(
      businessMinutesBetween(ambiguous, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z')),
    ).toBe(150);
  });
});
