import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import {
  calendarFromWorkingHours,
  isOpen,
  parseTimeOfDay,
  type WorkingHoursInput,
} from '../../../src/calendar/index.js';
import { instant, workingHours } from './arbitraries.js';

const TWO_DAYS = 2 * 86_400_000;

/** The working-hours rules read straight off the settings, on the local wall clock. */
function openByRules(cfg: WorkingHoursInput, t: Date): boolean {
  const local = DateTime.fromJSDate(t, { zone: cfg.timezone });
  const minute = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
  const shiftsOf = (day: DateTime): Array<[number, number]> => {
    if (
      !cfg.workingDays?.includes(day.weekday) ||
      cfg.holidayDates?.includes(day.toISODate() ?? '')
    )
      return [];
    if (!cfg.dailyWorkingHourConfig) return [[0, 1440]];
    return (cfg.dailyConfigurations ?? [])
      .filter((c) => c.day === day.weekday)
      .map((c) => {
        const start = parseTimeOfDay(c.start);
        const end = parseTimeOfDay(c.end, true);
        return [start, end > start ? end : end + 1440];
      });
  };
  const today = shiftsOf(local).some(([s, e]) => s <= minute && minute < e);
  const spill = shiftsOf(local.minus({ days: 1 })).some(
    ([s, e]) => s <= minute + 1440 && minute + 1440 < e,
  );
  return today || spill;
}

describe('isOpen against the rules on the wall clock', () => {
  it('agrees away from DST changes (where wall-clock reading is unambiguous)', () => {
    fc.assert(
      fc.property(workingHours, instant, (cfg, t) => {
        const zone = IANAZone.create(cfg.timezone);
        fc.pre(zone.offset(t.getTime() - TWO_DAYS) === zone.offset(t.getTime() + TWO_DAYS));
        expect(isOpen(calendarFromWorkingHours(cfg), t)).toBe(openByRules(cfg, t));
      }),
      { numRuns: 1000 },
    );
  });
});
