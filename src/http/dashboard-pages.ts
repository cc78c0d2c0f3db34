import type { TokenRole } from '../commands/token.js';
import { html, type SafeHtml } from './dashboard-html.js';
import { layout, type PageName, type Viewer } from './dashboard-layout.js';

export { messagePage, signInPage, type PageName } from './dashboard-layout.js';

const CHARTS: readonly [string, string, string][] = [
  ['requestsPerDay', 'Requests per day', 'bar'],
  ['slaCompliance', 'SLAs met per day (% of the clocks of requests opened that day)', 'line'],
  ['firstResponse', 'Time to first response', 'bar'],
  ['resolution', 'Time to resolution', 'bar'],
  ['csat', 'CSAT: customer ratings (1–5)', 'bar'],
  ['backlog', 'Backlog now', 'bar'],
];

function overview(): SafeHtml {
  return html`<h1>Overview</h1>
    <form class="filters" method="get" action="/app">
      <div><label for="since">From</label><input id="since" name="since" type="date" /></div>
      <div><label for="until">To</label><input id="until" name="until" type="date" /></div>
      <div><button type="submit">Show</button></div>
    </form>
    <p id="totals" class="totals" role="status" aria-live="polite">Loading…</p>
    <div class="charts">
      ${CHARTS.map(
        ([id, caption, kind]) =>
          html`<figure class="chart" id="chart-${id}" data-chart="${id}" data-kind="${kind}">
            <figcaption>${caption}</figcaption>
            <div class="canvas-box"><canvas role="img" aria-label="${caption}"></canvas></div>
          </figure>`,
      )}
    </div>`;
}

const STATUSES = ['open', 'pending', 'resolved', 'snoozed', 'all'];
const ASSIGNEES = ['all', 'me', 'unassigned', 'assigned'];

function select(id: string, label: string, options: readonly string[], chosen: string): SafeHtml {
  return html`<div>
    <label for="${id}">${label}</label
    ><select id="${id}" name="${id}">
      ${options.map(
        (option) =>
          html`<option value="${option}" ${option === chosen ? html` selected` : ''}>
            ${option}
          </option>`,
      )}
    </select>
  </div>`;
}

function text(id: string, label: string, value: string, type = 'text'): SafeHtml {
  return html`<div>
    <label for="${id}">${label}</label
    ><input id="${id}" name="${id}" type="${type}" value="${value}" />
  </div>`;
}

function requests(query: Record<string, string>): SafeHtml {
  const value = (key: string) => query[key] ?? '';
  return html`<h1>Requests</h1>
    <form class="filters" method="get" action="/app/requests" aria-label="Filter requests">
      ${select('status', 'Status', STATUSES, query.status ?? 'open')}
      ${select('assignee_type', 'Assignee', ASSIGNEES, query.assignee_type ?? 'all')}
      ${text('q', 'Text contains', value('q'), 'search')}
      ${text('labels', 'Labels (comma-separated)', value('labels'))}
      ${text('severity', 'Severity', value('severity'))}
      ${text('channel_id', 'Channel id', value('channel_id'))}
      <div><button type="submit">Filter</button></div>
    </form>
    <p id="list-status" role="status" aria-live="polite">Loading…</p>
    <div class="table-wrap">
      <table id="requests">
        <caption class="visually-hidden">
          Requests matching the filters, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Channel</th>
            <th scope="col">Assignee</th>
            <th scope="col">Labels</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages"></nav>`;
}

function request(id: string): SafeHtml {
  return html`<p><a href="/app/requests">← All requests</a></p>
    <h1>Request <span class="mono">${id}</span></h1>
    <div id="request" data-id="${id}"><p role="status">Loading…</p></div>`;
}

function settings(role: TokenRole): SafeHtml {
  const admin = role === 'administrator';
  return html`<h1>Settings</h1>
    <p>
      Effective settings at a level: each key's value, the level that set it (a channel inherits
      from its account and the workspace), and where it is
      locked.${admin ? '' : ' Only admins can change them.'}
    </p>
    <form class="filters" method="get" action="/app/settings" aria-label="Choose a level">
      <div>
        <label for="channel_id">Level</label
        ><select id="channel_id" name="channel_id">
          <option value="">Workspace (defaults and locks)</option>
        </select>
      </div>
      <div><button type="submit">Show</button></div>
    </form>
    <p id="settings-message" class="notice" role="status" aria-live="polite"></p>
    <form id="settings-form" class="settings-form" aria-label="Change a setting">
      <div>
        <label for="setting-key">Setting</label
        ><input
          id="setting-key"
          name="key"
          list="setting-keys"
          required
          autocomplete="off"
        /><datalist id="setting-keys"></datalist>
      </div>
      <div>
        <label for="setting-value">New value (JSON: true, 120, "text")</label
        ><input id="setting-value" name="value" required />
      </div>
      <div class="check" id="lock-field">
        <input id="setting-lock" name="lock" type="checkbox" /><label for="setting-lock"
          >Lock for accounts and channels</label
        >
      </div>
      <div><button type="submit">Save</button></div>
    </form>
    <div class="table-wrap">
      <table id="settings">
        <caption class="visually-hidden">
          Effective settings at the chosen level
        </caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Set at</th>
            <th scope="col">Locked</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>`;
}

/** A signed-in page's HTML. */
export function dashboardPage(
  page: PageName,
  viewer: Viewer,
  options: { query?: Record<string, string>; id?: string } = {},
): string {
  switch (page) {
    case 'overview':
      return layout('Overview', overview(), page, viewer);
    case 'requests':
      return layout('Requests', requests(options.query ?? {}), page, viewer);
    case 'request':
      return layout('Request', request(options.id ?? ''), page, viewer);
    case 'settings':
      return layout('Settings', settings(viewer.role), page, viewer);
  }
}
