import type { WebFormField } from '../requests/web-form.js';
import { html, type SafeHtml } from './dashboard-html.js';

/**
 * The public support form's pages (issue 12): the form (with each refused field's reason and
 * the values kept), the thank-you page and the not-found page. No script, no outside asset:
 * `WEB_FORM_CSP` allows inline style and posting back here, nothing else.
 */

/** Strict CSP of the form's pages: no script, styles inline, forms only back to this origin. */
export const WEB_FORM_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** What the form shows: its token, the values typed so far and the refused fields' reasons. */
export interface FormPage {
  token: string;
  values: Partial<Record<WebFormField, string>>;
  errors: Partial<Record<WebFormField, string>>;
}

const LABELS: Record<WebFormField, string> = {
  name: 'Your name',
  email: 'Your e-mail address',
  subject: 'Subject',
  message: 'How can we help?',
};

const STYLE = [
  'body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}',
  'label{display:block;margin-top:1rem;font-weight:bold}',
  'input,textarea{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}',
  'textarea{min-height:9rem}.error{color:#b00;margin:.2rem 0}',
  '.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
  'button{margin-top:1.2rem;padding:.5rem 1.2rem;font:inherit}',
].join('\n');

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.text;
}

function field(name: WebFormField, input: FormPage): SafeHtml {
  const value = input.values[name] ?? '';
  const error = input.errors[name];
  const described = error ? html` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const control =
    name === 'message'
      ? html`<textarea id="${name}" name="${name}" maxlength="10000" required${described}>
${value}</textarea>`
      : html`<input
          id="${name}"
          name="${name}"
          type="${name === 'email' ? 'email' : 'text'}"
          value="${value}"
          maxlength="${name === 'email' ? 254 : name === 'name' ? 100 : 200}"
          required${described}
        />`;
  return html`<label for="${name}">${LABELS[name]}</label>
    ${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}${control}`;
}

/** The form; posted back to the address it was served from. */
export function formPage(input: FormPage): string {
  const fields = (['name', 'email', 'subject', 'message'] as const).map((name) =>
    field(name, input),
  );
  const problem =
    Object.keys(input.errors).length > 0
      ? html`<p class="error" role="alert">Please check the fields marked below.</p>`
      : '';
  return page(
    'Contact support',
    html`<h1>Contact support</h1>
      ${problem}
      <form method="post">
        <input type="hidden" name="token" value="${input.token}" />
        ${fields}
        <div class="trap" aria-hidden="true">
          <label for="website">Leave this empty</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <button type="submit" id="send">Send</button>
      </form>`,
  );
}

/** The answer to a submission: its reference, when it became a request. */
export function thanksPage(reference: string | null): string {
  const ref = reference
    ? html`<p>Your reference: <strong id="reference">${reference}</strong></p>`
    : '';
  return page(
    'Request received',
    html`<h1>Thank you!</h1>
      <p>We received your request and will get back to you.</p>
      ${ref}`,
  );
}

/** No form here (none set up, or an unknown workspace). */
export function formNotFoundPage(): string {
  return page(
    'Not found',
    html`<h1>Not found</h1>
      <p>There is no support form here.</p>`,
  );
}

/** A body the form could not have sent (a missing token, a repeated field, another type). */
export function formMalformedPage(): string {
  return page(
    'Bad request',
    html`<h1>Something went wrong</h1>
      <p>Please go back, reload the form and try again.</p>`,
  );
}

/** The request could not be taken just now (Slack or the database failing). */
export function formFailedPage(): string {
  return page(
    'Please try again',
    html`<h1>Your request was not sent</h1>
      <p>Please try again in a moment.</p>`,
  );
}

/** Too many posts from one address (the per-IP rate limit). */
export function formRateLimitedPage(): string {
  return page(
    'Too many requests',
    html`<h1>Too many requests</h1>
      <p>Please wait a few minutes before sending another request.</p>`,
  );
}
