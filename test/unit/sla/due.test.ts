import { resumeDue, slaDue } from '../../../src/sla/due.js';
import type { WorkingHoursInput } from '../../../src/calendar/index.js';

const weekdays9to17 = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

/** Mon–Fri 09:00–17:00 in Berlin (CET = UTC+1 until 2026-03-29, CEST = UTC+2 after). */
const berlin: WorkingHoursInput = {
  isEnabled: true,
  timezone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
  dailyWorkingHourConfig: true,
  dailyConfigurations: weekdays9to17,
};
const berlinGoodFriday: WorkingHoursInput = { ...berlin, holidayDates: ['2026-04-03'] };
/** Working hours off: SLA minutes are wall-clock minutes. */
const wallClock: WorkingHoursInput = { ...berlin, isEnabled: false };
/** Working days Mon–Fri but hours only on Saturday: never open. */
const neverOpen: WorkingHoursInput = {
  ...berlin,
  dailyConfigurations: [{ day: 6, start: '09:00', end: '17:00' }],
};
const HOURS = { berlin, berlinGoodFriday, wallClock } as const;

describe('slaDue', () => {
  it.each([
    // Fri 16:00 + 120 business min (Mon–Fri 09–17, Europe/Berlin) = Mon 10:00 (60 Fri + 60 Mon)
    ['2026-03-06T15:00:00Z', 120, 'berlin', '2026-03-09T09:00:00Z'],
    // Mon 09:30 + 60 = Mon 10:30 (inside one working day)
    ['2026-03-09T08:30:00Z', 60, 'berlin', '2026-03-09T09:30:00Z'],
    // Sat 12:00 + 60: nothing counts until Mon 09:00, so Mon 10:00
    ['2026-03-07T11:00:00Z', 60, 'berlin', '2026-03-09T09:00:00Z'],
    // Fri 16:00 + 0 = Fri 16:00 (due at once)
    ['2026-03-06T15:00:00Z', 0, 'berlin', '2026-03-06T15:00:00Z'],
    // Mon 09:00 + 1440 = 3 × 480: Mon, Tue, Wed until 17:00
    ['2026-03-09T08:00:00Z', 1440, 'berlin', '2026-03-11T16:00:00Z'],
    // Fri 27 Mar 16:00 CET + 120 = Mon 30 Mar 10:00 CEST (clocks went forward on Sunday)
    ['2026-03-27T15:00:00Z', 120, 'berlin', '2026-03-30T08:00:00Z'],
    // Thu 2 Apr 16:00 CEST + 120, Good Friday a holiday = Mon 6 Apr 10:00 CEST
    ['2026-04-02T14:00:00Z', 120, 'berlinGoodFriday', '2026-04-06T08:00:00Z'],
    // working hours off: Fri 16:00 + 120 wall-clock minutes = Fri 18:00
    ['2026-03-06T15:00:00Z', 120, 'wallClock', '2026-03-06T17:00:00Z'],
    // working hours off: Fri 16:00 + 1440 = Sat 16:00
    ['2026-03-06T15:00:00Z', 1440, 'wallClock', '2026-03-07T15:00:00Z'],
  ] as const)('%s + %i min (%s) = %s', (start, minutes, hours, due) => {
    expect(slaDue(new Date(start), minutes, HOURS[hours])?.toISOString()).toBe(
      new Date(due).toISOString(),
    );
  });

  it('has no due date when the working hours never open', () => {
    expect(slaDue(new Date('2026-03-06T15:00:00Z'), 60, neverOpen)).toBeNull();
  });
});

describe('resumeDue', () => {
  it.each([
    // wall clock: due 18:00, paused 12:00 (6 h left), resumed 15:00 = 21:00 (moved by the 3 h hold)
    {
      paused: '2026-03-06T12:00Z',
      due: '2026-03-06T18:00Z',
      resumed: '2026-03-06T15:00Z',
      hours: 'wallClock',
      moved: '2026-03-06T21:00Z',
    },
    // business: paused Fri 16:30, due Mon 10:00 (30 + 60 = 90 left), resumed Mon 09:00 = Mon 10:30
    {
      paused: '2026-03-06T15:30Z',
      due: '2026-03-09T09:00Z',
      resumed: '2026-03-09T08:00Z',
      hours: 'berlin',
      moved: '2026-03-09T09:30Z',
    },
    // business: paused Tue 10:00, due Tue 15:00 (300 left), resumed Tue 13:00: 240 to 17:00 + 60 Wed = Wed 10:00
    {
      paused: '2026-03-10T09:00Z',
      due: '2026-03-10T14:00Z',
      resumed: '2026-03-10T12:00Z',
      hours: 'berlin',
      moved: '2026-03-11T09:00Z',
    },
    // business: paused Fri 16:00, due Fri 17:00 (60 left), resumed Sat 12:00 = Mon 10:00
    {
      paused: '2026-03-06T15:00Z',
      due: '2026-03-06T16:00Z',
      resumed: '2026-03-07T11:00Z',
      hours: 'berlin',
      moved: '2026-03-09T09:00Z',
    },
    // business: paused Sat 10:00, due Mon 10:00 (60 left: the weekend counts nothing), resumed Sun = Mon 10:00
    {
      paused: '2026-03-07T09:00Z',
      due: '2026-03-09T09:00Z',
      resumed: '2026-03-08T12:00Z',
      hours: 'berlin',
      moved: '2026-03-09T09:00Z',
    },
    // paused after the due date (nothing left): due on resumption
    {
      paused: '2026-03-06T19:00Z',
      due: '2026-03-06T18:00Z',
      resumed: '2026-03-06T20:00Z',
      hours: 'wallClock',
      moved: '2026-03-06T20:00Z',
    },
  ] as const)('paused $paused, due $due, resumed $resumed ($hours) = $moved', (row) => {
    const moved = resumeDue(
      new Date(row.paused),
      new Date(row.due),
      new Date(row.resumed),
      HOURS[row.hours],
    );
    expect(moved?.toISOString()).toBe(new Date(row.moved).toISOString());
  });
});
