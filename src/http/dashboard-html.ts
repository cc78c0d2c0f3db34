import { escapeHtml } from '../text/html.js';

/** HTML that is already safe (built by `html`): interpolated as is, never escaped again. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = SafeHtml | string | number | undefined | null | false | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof SafeHtml) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/**
 * The dashboard's one template: every interpolated value is escaped unless it is itself `html`
 * (lists of them join), so text a customer typed can never become markup.
 *
 * @example
 * html`<p>${'<b>'}</p>`.text; // '<p>&lt;b&gt;</p>'
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}
