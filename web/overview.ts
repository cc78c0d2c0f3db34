import { drawChart, type ChartData } from './charts.js';
import { api, find } from './dom.js';

interface Overview {
  since: string;
  until: string;
  totals: {
    requests: number;
    csat: number | null;
    timeUnit: { firstResponse: string; resolution: string };
  };
  charts: Record<string, ChartData>;
}

/** The overview: the window's totals and every chart, from `/app/api/overview`. */
export async function overviewPage(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const key of ['since', 'until']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const totals = find('#totals');
  try {
    const overview = await api<Overview>(`/overview?${query}`);
    find<HTMLInputElement>('#since').value = overview.since;
    find<HTMLInputElement>('#until').value = overview.until;
    const csat = overview.totals.csat === null ? 'no ratings yet' : `CSAT ${overview.totals.csat}%`;
    const unit = overview.totals.timeUnit.firstResponse.replace('_', ' ');
    totals.textContent = `${overview.totals.requests} requests from ${overview.since} to ${overview.until}; ${csat}; times in ${unit}.`;
    totals.dataset.requests = String(overview.totals.requests);
    for (const figure of document.querySelectorAll<HTMLElement>('figure[data-chart]')) {
      const data = overview.charts[figure.dataset.chart ?? ''];
      if (data) drawChart(figure, data);
    }
  } catch (error) {
    totals.textContent = (error as Error).message;
    totals.setAttribute('role', 'alert');
  }
}
