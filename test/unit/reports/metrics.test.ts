import {
  bucketKey,
  bucketsBetween,
  dayKey,
  dayStart,
  medianOf,
  metricValue,
  shiftDay,
  sumCounters,
  timeUnit,
} from '../../../src/reports/index.js';

describe('metricValue', () => {
  const c = sumCounters([
    { conversations: 3, incoming: 5, outgoing: 4, frtCount: 2, frtSum: 30, frtH1: 1, frtH3: 1 },
    { resolutions: 2, resSum: 300, resH4: 1, resH6: 1, reopens: 1 },
    { slaResponseMet: 3, slaResponseBreached: 1, slaResponsePending: 2, slaClosureBreached: 2 },
    { csatCount: 2, csatSum: 9, csatR4: 1, csatR5: 1 },
  ]);
  it.each([
    ['conversations_count', 3],
    ['incoming_messages_count', 5],
    ['outgoing_messages_count', 4],
    ['avg_first_response_time', 15], // 30 / 2
    ['avg_resolution_time', 150], // 300 / 2
    ['resolutions_count', 2],
    ['reopens_count', 1],
    ['median_first_response_time', 15], // 1st of 2 values is in 5–15 min
    ['median_resolution_time', 120], // 1st of 2 is in 1–2 h
    ['sla_response_met_percent', 75], // 3 / (3 + 1); pending left out
    ['sla_closure_met_percent', 0], // 0 / 2
    ['csat_responses_count', 2],
    ['csat_average', 4.5],
    ['csat_response_rate', 100], // 2 ratings / 2 resolutions
  ] as const)('%s = %p', (metric, value) => {
    expect(metricValue(metric, c)).toBe(value);
  });

  it('answers null for an average of nothing', () => {
    expect(metricValue('avg_first_response_time', {})).toBeNull();
    expect(metricValue('sla_response_met_percent', { slaResponsePending: 3 })).toBeNull();
    expect(metricValue('conversations_count', {})).toBe(0);
  });
});

describe('medianOf', () => {
  it('reads the median from the histogram: the bound of the bucket holding the middle value', () => {
    expect(medianOf({ frtH0: 1, frtH2: 2 }, 'frtH')).toBe(30); // 2nd of 3 in 15–30
    expect(medianOf({ resH9: 1 }, 'resH')).toBe(4320); // over 3 days: its lower bound
    expect(medianOf({}, 'frtH')).toBeNull();
  });
});

describe('timeUnit', () => {
  it('says whether times are business, wall-clock or mixed minutes', () => {
    expect(timeUnit({ frtCount: 2, frtBusiness: 2 }, 'frtCount')).toBe('business_minutes');
    expect(timeUnit({ frtCount: 2 }, 'frtCount')).toBe('minutes');
    expect(timeUnit({ resolutions: 2, resBusiness: 1 }, 'resolutions')).toBe('mixed');
  });
});

describe('buckets', () => {
  it('dates an instant in the workspace zone across DST changes', () => {
    expect(dayKey(new Date('2026-03-29T21:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29'); // 23:59 CEST
    expect(dayKey(new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayKey(new Date('2026-11-02T04:59:00Z'), 'America/New_York')).toBe('2026-11-01'); // 23:59 EST
  });

  it('starts a bucket at local midnight, whatever the offset that day', () => {
    expect(dayStart('2026-03-29', 'Europe/Berlin')).toBe(Date.parse('2026-03-28T23:00:00Z') / 1000); // CET
    expect(dayStart('2026-03-30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T22:00:00Z') / 1000); // CEST
    expect(dayStart('2026-11-01', 'America/New_York')).toBe(
      Date.parse('2026-11-01T04:00:00Z') / 1000,
    ); // EDT
    expect(dayStart('2026-11-02', 'America/New_York')).toBe(
      Date.parse('2026-11-02T05:00:00Z') / 1000,
    ); // EST
  });

  it('groups days into ISO weeks starting Monday and calendar months', () => {
    expect(bucketKey('2026-03-01', 'week')).toBe('2026-02-23'); // Sunday → the Monday before
    expect(bucketKey('2026-03-02', 'week')).toBe('2026-03-02'); // Monday
    expect(bucketKey('2026-03-31', 'month')).toBe('2026-03-01');
    expect(bucketKey('2026-03-31', 'day')).toBe('2026-03-31');
  });

  it('steps whole calendar days, across months and DST alike', () => {
    expect(shiftDay('2026-03-29', 1)).toBe('2026-03-30');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-01-01', -90)).toBe('2025-10-03');
  });

  it('lists every bucket of a range, empty ones included', () => {
    const since = new Date('2026-03-27T12:00:00Z');
    const until = new Date('2026-04-02T12:00:00Z');
    expect(bucketsBetween(since, until, 'Europe/Berlin', 'week')).toEqual([
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(bucketsBetween(since, until, 'Europe/Berlin', 'month')).toEqual([
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(bucketsBetween(since, until, 'Europe/Berlin', 'day')).toHaveLength(7);
  });
});
