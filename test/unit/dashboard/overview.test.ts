import {
  overviewOf,
  overviewWindow,
  type OverviewSource,
} from '../../../src/dashboard/overview.js';
import { html } from '../../../src/http/dashboard-html.js';

describe('overviewWindow', () => {
  const today = '2026-11-25';
  it.each([
    // No dates: the 14 days up to today, both included.
    [{}, '2026-11-12', '2026-11-25'],
    [{ since: '2026-11-24' }, '2026-11-24', '2026-11-25'],
    [{ until: '2026-11-01' }, '2026-10-19', '2026-11-01'],
    // Across the end of a month and a DST change: days, not hours, are counted.
    [{ since: '2026-10-20', until: '2026-11-02' }, '2026-10-20', '2026-11-02'],
    [{ since: '2026-11-20', until: '2026-11-20' }, '2026-11-20', '2026-11-20'],
  ])('%j covers %s to %s', (query, first, last) => {
    expect(overviewWindow(query, today)).toEqual({ first, last });
  });

  it.each([
    [{ since: '2026-11-21', until: '2026-11-20' }, 'must not be after until'],
    // 2026-08-01 → 2026-11-01 is 93 days, one more than allowed.
    [{ since: '2026-08-01', until: '2026-11-01' }, 'the window is at most 92 days'],
  ])('refuses %j: %s', (query, problem) => {
    expect(overviewWindow(query, today)).toEqual({ problem, field: 'since' });
  });
});

describe('overviewOf', () => {
  const source: OverviewSource = {
    days: ['2026-11-23', '2026-11-24'],
    requestsPerDay: [2, 3],
    slaResponsePerDay: [50, null],
    slaClosurePerDay: [100, 0],
    firstResponse: { '0-5m': 1, '5-15m': 2 },
    resolution: { '0-5m': 0, '5-15m': 1 },
    timeUnit: { first_response: 'business_minutes', resolution: 'minutes' },
    ratings: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 },
    requests: 5,
    backlog: { open: 4, unassigned: 1, unattended: 2 },
  };

  it('draws the reports as charts: per day, SLAs met, histograms, ratings and the backlog', () => {
    const overview = overviewOf(source);
    expect(overview.since).toBe('2026-11-23');
    expect(overview.until).toBe('2026-11-24');
    // CSAT: 2 of 4 ratings are 4 or 5.
    expect(overview.totals).toEqual({
      requests: 5,
      csat: 50,
      timeUnit: { firstResponse: 'business_minutes', resolution: 'minutes' },
    });
    const { charts } = overview;
    expect(charts.requestsPerDay).toEqual({
      labels: source.days,
      series: [{ name: 'Requests', data: [2, 3] }],
    });
    expect(charts.slaCompliance.series.map((s) => s.data)).toEqual([
      [50, null],
      [100, 0],
    ]);
    expect(charts.firstResponse).toEqual({
      labels: ['0-5m', '5-15m'],
      series: [{ name: 'Requests', data: [1, 2] }],
    });
    expect(charts.csat.series[0]?.data).toEqual([1, 0, 1, 1, 1]);
    expect(charts.backlog).toEqual({
      labels: ['open', 'unassigned', 'unattended'],
      series: [{ name: 'Requests', data: [4, 1, 2] }],
    });
  });

  it('has no CSAT without ratings', () => {
    expect(overviewOf({ ...source, ratings: {} }).totals.csat).toBeNull();
  });
});

describe('html', () => {
  it('escapes every interpolated value but nested html, lists joined', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
    const items = ['a&b', "c'd"].map((x) => html`<li>${x}</li>`);
    // prettier-ignore
    expect(html`<ul>${items}</ul>`.text).toBe('<ul><li>a&amp;b</li><li>c&#39;d</li></ul>');
  });
});
