import { overviewOf, overviewWindow, type RequestFact } from '../../../src/dashboard/overview.js';
import { html } from '../../../src/http/dashboard-html.js';

const at = (iso: string) => new Date(iso);
const fact = (created: string, extra: Partial<RequestFact> = {}): RequestFact => ({
  createdAt: at(created),
  firstResponseAt: null,
  closedAt: null,
  status: 'open',
  sla: { responseBreachedAt: null, closureBreachedAt: null },
  feedback: null,
  ...extra,
});

describe('overviewWindow', () => {
  const now = at('2026-11-25T15:30:00Z');
  it.each([
    // No dates: the 14 days up to today, until exclusive at tomorrow's midnight.
    [{}, '2026-11-12T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
    [{ since: '2026-11-24' }, '2026-11-24T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
    [{ until: '2026-11-01' }, '2026-10-19T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    // One day: since = until covers that whole day.
    [
      { since: '2026-11-20', until: '2026-11-20' },
      '2026-11-20T00:00:00.000Z',
      '2026-11-21T00:00:00.000Z',
    ],
  ])('%j covers [%s, %s)', (query, since, until) => {
    const window = overviewWindow(query, now);
    expect(window).toEqual({ since: at(since), until: at(until) });
  });

  it.each([
    [{ since: '2026-11-21', until: '2026-11-20' }, 'must not be after until'],
    // 2026-08-01 → 2026-11-01 is 93 days, one more than allowed.
    [{ since: '2026-08-01', until: '2026-11-01' }, 'the window is at most 92 days'],
  ])('refuses %j: %s', (query, problem) => {
    expect(overviewWindow(query, now)).toEqual({ problem, field: 'since' });
  });
});

describe('overviewOf', () => {
  const window = { since: at('2026-11-23T00:00:00Z'), until: at('2026-11-26T00:00:00Z') };

  it('counts per day, the SLA share met, time buckets, statuses and ratings', () => {
    const overview = overviewOf(
      [
        // Mon: answered in 10 min, closed in 40 (15–60), rated 5.
        fact('2026-11-23T09:00:00Z', {
          firstResponseAt: at('2026-11-23T09:10:00Z'),
          closedAt: at('2026-11-23T09:40:00Z'),
          status: 'closed',
          feedback: { rating: 5 },
        }),
        // Mon: response SLA breached, on hold.
        fact('2026-11-23T09:00:00Z', {
          status: 'on_hold',
          sla: { responseBreachedAt: at('2026-11-23T10:00:00Z'), closureBreachedAt: null },
        }),
        // Wed: answered after 2 days (> 1 day), a closed-then-reopened one counts no resolution.
        fact('2026-11-25T23:59:00Z', {
          firstResponseAt: at('2026-11-27T23:59:00Z'),
          closedAt: at('2026-11-26T00:00:00Z'),
          status: 'in_progress',
          feedback: { rating: 1 },
        }),
      ],
      window,
    );
    expect(overview.since).toBe('2026-11-23');
    expect(overview.until).toBe('2026-11-25');
    expect(overview.totals).toEqual({ requests: 3, csat: 50, truncated: false });
    expect(overview.charts.requestsPerDay).toEqual({
      labels: ['2026-11-23', '2026-11-24', '2026-11-25'],
      series: [{ name: 'Requests', data: [2, 0, 1] }],
    });
    // Mon 1 of 2 met (50%); Tue had none (no value, not 0%); Wed 1 of 1.
    expect(overview.charts.slaCompliance.series[0]?.data).toEqual([50, null, 100]);
    expect(overview.charts.firstResponse.series[0]?.data).toEqual([1, 0, 0, 0, 1]);
    expect(overview.charts.resolution.series[0]?.data).toEqual([0, 1, 0, 0, 0]);
    expect(overview.charts.statuses).toEqual({
      labels: ['open', 'in progress', 'on hold', 'closed', 'discarded'],
      series: [{ name: 'Requests', data: [0, 1, 1, 1, 0] }],
    });
    expect(overview.charts.csat.series[0]?.data).toEqual([1, 0, 0, 0, 1]);
  });

  it('has no CSAT without ratings, and says when the requests were cut off', () => {
    const overview = overviewOf([], window, true);
    expect(overview.totals).toEqual({ requests: 0, csat: null, truncated: true });
    expect(overview.charts.requestsPerDay.series[0]?.data).toEqual([0, 0, 0]);
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
