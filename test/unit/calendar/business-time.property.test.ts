import fc from 'fast-check';
import {
  addBusinessMinutes as add,
  businessMinutesBetween as between,
  isOpen,
  nextClosing,
  nextOpening,
} from '../../../src/calendar/index.js';
import { calendar, instant, minutes, ms } from './arbitraries.js';

const runs = { numRuns: 300 };
const time = (d: Date): number => d.getTime();
const DAY = 86_400_000;

describe('business time properties (random calendars, 2026–2027)', () => {
  it('is monotonic in the amount added', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, t, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        expect(time(add(cal, t, m1))).toBeLessThanOrEqual(time(add(cal, t, m2)));
      }),
      runs,
    );
  });

  it('is additive: adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, t, a, b) => {
        const total = (ms(a) + ms(b)) / 60_000;
        expect(time(add(cal, add(cal, t, a), b))).toBe(time(add(cal, t, total)));
      }),
      runs,
    );
  });

  it('round-trips: the business minutes between t and t + m are m, to the millisecond', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, t, m) => {
        expect(ms(between(cal, t, add(cal, t, m)))).toBe(ms(m));
      }),
      runs,
    );
  });

  it('counts between additively over any split point, in any order', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, a, b, c) => {
        expect(ms(between(cal, a, c))).toBe(ms(between(cal, a, b)) + ms(between(cal, b, c)));
        expect(ms(between(cal, c, a))).toBe(0 - ms(between(cal, a, c)));
      }),
      { numRuns: 100 },
    );
  });

  it('opens at nextOpening, and at t itself when t is open', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const opening = nextOpening(cal, t);
        expect(isOpen(cal, opening)).toBe(true);
        expect(time(opening)).toBeGreaterThanOrEqual(time(t));
        if (isOpen(cal, t)) expect(opening).toEqual(t);
        else expect(between(cal, t, opening)).toBe(0);
      }),
      runs,
    );
  });

  it('stays open until nextClosing, which is closed', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        let closing: Date;
        try {
          closing = nextClosing(cal, t);
        } catch (error) {
          // Only a calendar open around the clock (from t on) never closes.
          expect(error).toMatchObject({ code: 'calendar_never_closes' });
          expect(between(cal, t, new Date(time(t) + 400 * DAY))).toBe(400 * 1440);
          return;
        }
        expect(isOpen(cal, closing)).toBe(false);
        expect(ms(between(cal, t, closing))).toBe(time(closing) - time(t));
      }),
      runs,
    );
  });

  it('lands on an open instant or the exact end of an open stretch', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes.filter((m) => ms(m) > 0),
        (cal, t, m) => {
          const end = time(add(cal, t, m));
          const endsStretch = isOpen(cal, new Date(end - 1)) && !isOpen(cal, new Date(end));
          expect(isOpen(cal, new Date(end)) || endsStretch).toBe(true);
        },
      ),
      runs,
    );
  });

  it('agrees with isOpen sampled minute by minute', () => {
    // Open spans start and end on whole UTC minutes in these zones, so one sample a minute is exact.
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 600 }), (cal, t, length) => {
        const start = Math.floor(time(t) / 60_000) * 60_000;
        let open = 0;
        for (let i = 0; i < length; i++) if (isOpen(cal, new Date(start + i * 60_000))) open++;
        expect(between(cal, new Date(start), new Date(start + length * 60_000))).toBe(open);
      }),
      { numRuns: 100 },
    );
  });
});
