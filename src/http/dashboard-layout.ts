import type { TokenRole } from '../commands/token.js';
import { html, type SafeHtml } from './dashboard-html.js';

/** The dashboard's pages; each is a server-rendered shell that the bundled script fills in. */
export type PageName = 'overview' | 'requests' | 'request' | 'settings';

const NAV: readonly [PageName, string, string][] = [
  ['overview', '/app', 'Overview'],
  ['requests', '/app/requests', 'Requests'],
  ['settings', '/app/settings', 'Settings'],
];

/** Who is signed in, as the page shows them (and the CSRF token its forms send). */
export interface Viewer {
  role: TokenRole;
  userId: string;
  csrf: string;
}

/** A whole page: head (bundle, stylesheet, CSRF token), the navigation and `body` as main. */
export function layout(title: string, body: SafeHtml, page?: PageName, viewer?: Viewer): string {
  const current = page === 'request' ? 'requests' : page;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Triage</title>
<link rel="stylesheet" href="/app/assets/app.css">
<link rel="icon" href="data:,">
${viewer ? html`<meta name="csrf-token" content="${viewer.csrf}" />` : ''}
${page ? html`<script type="module" src="/app/assets/app.js"></script>` : ''}
</head>
<body${page ? html` data-page="${page}"` : ''}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
<span class="brand">Triage</span>
${
  viewer
    ? html`<nav aria-label="Dashboard">
          <ul>
            ${NAV.map(
              ([name, href, label]) =>
                html`<li>
                  <a href="${href}" ${name === current ? html` aria-current="page"` : ''}
                    >${label}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <form class="sign-out" method="post" action="/app/logout">
          <input type="hidden" name="csrf" value="${viewer.csrf}" /><span class="who"
            >${viewer.userId} (${viewer.role === 'administrator' ? 'admin' : 'agent'})</span
          >
          <button type="submit">Sign out</button>
        </form>`
    : ''
}
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>
`.text;
}

/** A page of only a sentence: refused links, signed out, unknown pages. */
export function messagePage(title: string, sentence: string): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p class="notice" role="alert">${sentence}</p>`,
  );
}

/** The page a sign-in link opens: a button, so a link previewer fetching it does not use it up. */
export function signInPage(token: string): string {
  return layout(
    'Sign in',
    html`<h1>Sign in to Triage</h1>
      <p>This link from <code>/triage dashboard</code> signs you in once.</p>
      <form method="post" action="/app/login">
        <input type="hidden" name="token" value="${token}" /><button type="submit" id="sign-in">
          Sign in
        </button>
      </form>`,
  );
}
