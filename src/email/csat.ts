import { CHOICES, RatingChoice, ratingLabel, type RatingScale } from '../feedback/rating.js';
import { escapeHtml } from '../text/html.js';

/**
 * CSAT by e-mail (issue 15): a requester who wrote by e-mail is asked by e-mail, with one link
 * per rating (`/csat/<token>/<choice>`), and answered by small HTML pages. Pure.
 */

/** How long the links of a CSAT mail work. */
export const CSAT_LINK_DAYS = 30;

/** A CSAT token as the links carry it: 128 random bits in hex. */
const TOKEN = /^[0-9a-f]{32}$/;

/** When the links of a mail queued at `at` stop working. */
export function csatExpiry(at: Date): Date {
  return new Date(at.getTime() + CSAT_LINK_DAYS * 86_400_000);
}

/** Whether `token` could be a CSAT token at all (anything else is answered 404 unread). */
export const isCsatToken = (token: string): boolean => TOKEN.test(token);

/**
 * The choice a link names, when it is one of `scale`'s (👍/👎 links are `up`/`down`, 5-point
 * links `1`…`5`); undefined for any other.
 *
 * @example
 * csatChoice('2_POINTS', 'up'); // 'up'
 * csatChoice('2_POINTS', '5'); // undefined
 */
export function csatChoice(scale: RatingScale, choice: string): RatingChoice | undefined {
  const parsed = RatingChoice.safeParse(choice);
  return parsed.success && CHOICES[scale].includes(parsed.data) ? parsed.data : undefined;
}

/** The link of one choice. */
export const csatLink = (baseUrl: string, token: string, choice: RatingChoice | 'comment') =>
  `${baseUrl.replace(/\/+$/, '')}/csat/${token}/${choice}`;

/** The choice's words in a mail, e.g. `👍 Good`, `5 (excellent)`. */
const WORDS: Record<RatingChoice, string> = {
  up: '👍 Good',
  down: '👎 Not good',
  '1': '1 (very poor)',
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5 (excellent)',
};

/**
 * The CSAT mail: the question (`feedback_message`) and a link per choice of `scale`, as text
 * and as HTML (links as buttons-like anchors).
 */
export function csatMail(
  message: string,
  scale: RatingScale,
  baseUrl: string,
  token: string,
): { text: string; html: string } {
  const links = CHOICES[scale].map((choice) => ({
    words: WORDS[choice],
    url: csatLink(baseUrl, token, choice),
  }));
  const text = [message, '', ...links.map((l) => `${l.words}: ${l.url}`)].join('\n');
  const anchors = links
    .map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.words)}</a>`)
    .join(' &nbsp; ');
  const question = escapeHtml(message).replace(/\n/g, '<br>\n');
  return { text, html: `<div>${question}</div>\n<p>${anchors}</p>` };
}

/** Strict CSP of the CSAT pages: no script, no style from anywhere, forms only back here. */
export const CSAT_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}',
    'textarea{width:100%;min-height:6rem}.error{color:#b00}</style>',
    `</head><body>${body}</body></html>`,
  ].join('\n');
}

/** What the thank-you page shows. */
export interface ThanksPage {
  scale: RatingScale;
  rating: number;
  /** `request_for_text_feedback`: offer a comment form (posting to `commentUrl`). */
  commentUrl?: string;
  comment: string | null;
  /** A refused comment's reason, shown above the form. */
  error?: string;
  /** The comment was just stored. */
  commented?: boolean;
}

/** The page a rating link (or the comment form) answers with. */
export function csatThanksPage(input: ThanksPage): string {
  const rating = escapeHtml(ratingLabel(input.scale, input.rating));
  const parts = [`<h1>Thanks for your feedback!</h1>`, `<p>Your rating: ${rating}</p>`];
  if (input.commented) parts.push('<p>Your comment was received.</p>');
  if (input.commentUrl) {
    const error = input.error ? `<p class="error">${escapeHtml(input.error)}</p>` : '';
    parts.push(
      error,
      `<form method="post" action="${escapeHtml(input.commentUrl)}">`,
      '<label for="comment">Anything you would like to add?</label>',
      `<textarea id="comment" name="comment" maxlength="2000">${escapeHtml(input.comment ?? '')}</textarea>`,
      `<p><button type="submit">${input.comment ? 'Update comment' : 'Send comment'}</button></p>`,
      '</form>',
    );
  }
  return page('Thanks for your feedback', parts.join('\n'));
}

/** The answer to an unknown, malformed or expired link: nothing was recorded. */
export function csatNotFoundPage(): string {
  return page(
    'Link not found',
    '<h1>This link is not valid</h1>\n<p>It may have expired. Nothing was recorded.</p>',
  );
}
