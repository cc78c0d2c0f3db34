import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { el, find } from './dom.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

/** One chart's numbers, whatever computed them (the server's `Chart`). */
export interface ChartData {
  labels: string[];
  series: { name: string; data: (number | null)[] }[];
}

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea'];

/**
 * Draws `data` in a `<figure data-chart>`: a Chart.js canvas for the eye, and the same numbers
 * as a visually hidden table (and `data-values` on the figure) for screen readers and tests.
 */
export function drawChart(figure: HTMLElement, data: ChartData): void {
  const canvas = find<HTMLCanvasElement>('canvas', figure);
  Chart.getChart(canvas)?.destroy();
  const kind = figure.dataset.kind === 'line' ? 'line' : 'bar';
  new Chart(canvas, {
    type: kind,
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.name,
        data: series.data,
        backgroundColor: COLOURS[index % COLOURS.length],
        borderColor: COLOURS[index % COLOURS.length],
        spanGaps: true,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: data.series.length > 1 } },
    },
  });
  const caption = find('figcaption', figure).textContent ?? '';
  figure.querySelector('table')?.remove();
  figure.append(numbersTable(caption, data));
  figure.dataset.values = JSON.stringify(data.series.map((s) => s.data));
  figure.dataset.ready = 'true';
}

function numbersTable(caption: string, data: ChartData): HTMLTableElement {
  return el(
    'table',
    { class: 'visually-hidden' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, ''),
        ...data.series.map((s) => el('th', { scope: 'col' }, s.name)),
      ),
    ),
    el(
      'tbody',
      {},
      ...data.labels.map((label, row) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, label),
          ...data.series.map((s) => el('td', {}, s.data[row] === null ? '–' : String(s.data[row]))),
        ),
      ),
    ),
  );
}
