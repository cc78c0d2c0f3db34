import fc from 'fast-check';
import { DateTime, IANAZone, Settings } from 'luxon';
import { dayOfIsoDate, isoWeekday, zoneTime } from '../../../src/calendar/zone-time.js';
import { ZONES } from './arbitraries.js';

const MORE_ZONES = [
  ...ZONES,
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'Europe/Moscow',
];
const zone = fc.constantFrom(...MORE_ZONES);

/** luxon's reading of a wall-clock time, with `Settings.now` pinned (it picks the ambiguous offset). */
function luxonUtc(name: string, local: number, now: string): number {
  const saved = Settings.now;
  Settings.now = () => Date.parse(now);
  try {
    const c = new Date(local);
    return DateTime.fromObject(
      {
        year: c.getUTCFullYear(),
        month: c.getUTCMonth() + 1,
        day: c.getUTCDate(),
        hour: c.getUTCHours(),
        minute: c.getUTCMinutes(),
      },
      { zone: name },
    ).toMillis();
  } finally {
    Settings.now = saved;
  }
}

describe('zoneTime', () => {
  it("gives luxon's offsets, memoised per week", () => {
    fc.assert(
      fc.property(zone, fc.integer({ min: 0, max: Date.parse('2040-01-01') }), (name, ts) => {
        expect(zoneTime(name).offsetAt(ts)).toBe(IANAZone.create(name).offset(ts) * 60_000);
      }),
      { numRuns: 500 },
    );
  });

  it('reads wall-clock minutes like luxon, and an ambiguous one as its first occurrence', () => {
    const from = Date.parse('2026-01-01T00:00:00Z') / 60_000;
    const to = Date.parse('2028-01-01T00:00:00Z') / 60_000;
    fc.assert(
      fc.property(zone, fc.integer({ min: from, max: to }), (name, minute) => {
        const local = minute * 60_000;
        // Pinning "now" to January then July makes luxon pick each offset of an ambiguous time.
        const a = luxonUtc(name, local, '2026-01-15T00:00:00Z');
        const b = luxonUtc(name, local, '2026-07-15T00:00:00Z');
        expect(zoneTime(name).localToUtc(local)).toBe(Math.min(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('covers the transition hours themselves', () => {
    // NY: 02:30 on 2026-03-08 does not exist (→ 03:30 EDT); 01:30 on 2026-11-01 happens twice.
    const ny = zoneTime('America/New_York');
    expect(new Date(ny.localToUtc(Date.parse('2026-03-08T02:30:00Z'))).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(new Date(ny.localToUtc(Date.parse('2026-11-01T01:30:00Z'))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(ny.localDay(Date.parse('2026-11-01T04:59:59Z'))).toBe(dayOfIsoDate('2026-11-01'));
    expect(ny.localDay(Date.parse('2026-11-01T03:59:59Z'))).toBe(dayOfIsoDate('2026-10-31'));
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-01-05', 20458, 1],
    ['2026-03-08', 20520, 7],
    ['1969-12-31', -1, 3],
  ])('%s is day %d, ISO weekday %d', (date, day, weekday) => {
    expect(dayOfIsoDate(date)).toBe(day);
    expect(isoWeekday(day)).toBe(weekday);
  });
});
