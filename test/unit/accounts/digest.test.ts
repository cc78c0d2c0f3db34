import {
  digestPeriod,
  digestRetryAt,
  nextDigestAt,
  type DigestSchedule,
} from '../../../src/accounts/digest.js';

const at = (iso: string) => new Date(iso);

describe('nextDigestAt', () => {
  it.each<[DigestSchedule, string, string, string | null]>([
    // schedule, timezone, now, next digest
    ['DAILY', 'UTC', '2026-03-02T08:00:00Z', '2026-03-02T09:00:00.000Z'], // Mon 08:00 → Mon 09:00
    ['DAILY', 'UTC', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00.000Z'], // strictly after now
    ['DAILY', 'Europe/Paris', '2026-03-02T10:00:00Z', '2026-03-03T08:00:00.000Z'], // 09:00 CET = 08:00Z
    ['DAILY', 'Asia/Tokyo', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00.000Z'], // 09:00 JST now → tomorrow
    ['DAILY', 'Asia/Tokyo', '2026-03-01T23:59:00Z', '2026-03-02T00:00:00.000Z'], // 08:59 JST Mon
    // Sat 10:00 EST; New York moves to EDT on Sun 8 March: 09:00 EDT = 13:00Z
    ['DAILY', 'America/New_York', '2026-03-07T15:00:00Z', '2026-03-08T13:00:00.000Z'],
    ['WEEKLY', 'UTC', '2026-03-02T10:00:00Z', '2026-03-09T09:00:00.000Z'], // Mon 10:00 → next Mon
    ['WEEKLY', 'UTC', '2026-03-01T12:00:00Z', '2026-03-02T09:00:00.000Z'], // Sun → Mon
    ['WEEKLY', 'UTC', '2026-03-02T08:59:00Z', '2026-03-02T09:00:00.000Z'], // Mon 08:59 → same day
    // Mon 2 March 09:00 in Auckland (NZDT, +13) is Sun 1 March 20:00Z
    ['WEEKLY', 'Pacific/Auckland', '2026-03-01T12:00:00Z', '2026-03-01T20:00:00.000Z'],
    ['NEVER', 'UTC', '2026-03-02T08:00:00Z', null],
  ])('%s in %s at %s: %s', (schedule, timezone, now, expected) => {
    expect(nextDigestAt(schedule, timezone, at(now))?.toISOString() ?? null).toBe(expected);
  });
});

describe('digestPeriod', () => {
  it.each<[DigestSchedule, string, string, [string, string] | null]>([
    // schedule, timezone, now, [start, end)
    [
      'DAILY',
      'UTC',
      '2026-03-03T09:00:00Z',
      ['2026-03-02T09:00:00.000Z', '2026-03-03T09:00:00.000Z'],
    ],
    // 08:59: today's digest is not due yet, so yesterday's period
    [
      'DAILY',
      'UTC',
      '2026-03-03T08:59:00Z',
      ['2026-03-01T09:00:00.000Z', '2026-03-02T09:00:00.000Z'],
    ],
    // a job running 5 h late covers the same period as on time
    [
      'DAILY',
      'UTC',
      '2026-03-03T14:00:00Z',
      ['2026-03-02T09:00:00.000Z', '2026-03-03T09:00:00.000Z'],
    ],
    // Paris springs forward on Sun 29 March: Sat 09:00 CET (08:00Z) to Sun 09:00 CEST (07:00Z), 23 h
    [
      'DAILY',
      'Europe/Paris',
      '2026-03-29T07:00:00Z',
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z'],
    ],
    // Wed 4 March: the week that ended on Mon 2 March 09:00
    [
      'WEEKLY',
      'UTC',
      '2026-03-04T12:00:00Z',
      ['2026-02-23T09:00:00.000Z', '2026-03-02T09:00:00.000Z'],
    ],
    // Mon 9 March 09:00 EDT (13:00Z) back to Mon 2 March 09:00 EST (14:00Z): 167 h
    [
      'WEEKLY',
      'America/New_York',
      '2026-03-09T13:00:00Z',
      ['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ],
    ['NEVER', 'UTC', '2026-03-03T09:00:00Z', null],
  ])('%s in %s at %s covers %j', (schedule, timezone, now, expected) => {
    const period = digestPeriod(schedule, timezone, at(now));
    expect(period ? [period.start.toISOString(), period.end.toISOString()] : null).toEqual(
      expected,
    );
  });
});

describe('digestRetryAt', () => {
  const next = at('2026-03-04T09:00:00Z');
  it.each([
    [1, '2026-03-03T09:00:00Z', '2026-03-03T09:05:00.000Z'],
    [2, '2026-03-03T09:05:00Z', '2026-03-03T09:20:00.000Z'],
    [3, '2026-03-03T09:20:00Z', '2026-03-03T09:50:00.000Z'],
    [4, '2026-03-03T09:50:00Z', '2026-03-03T10:50:00.000Z'],
    [12, '2026-03-04T07:50:00Z', '2026-03-04T08:50:00.000Z'],
    // The next digest is due by then: given up.
    [13, '2026-03-04T08:50:00Z', null],
    [1, '2026-03-04T08:56:00Z', null],
  ])('attempt %i failed at %s: next try %s', (attempt, failedAt, expected) => {
    expect(digestRetryAt(attempt, at(failedAt), next)?.toISOString() ?? null).toBe(expected);
  });

  it('gives up with no next digest (NEVER)', () => {
    expect(digestRetryAt(1, at('2026-03-03T09:00:00Z'), null)).toBeNull();
  });
});
