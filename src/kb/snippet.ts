import { termsOf } from './search.js';

/** The longest snippet shown under a suggestion. */
export const SNIPPET_LENGTH = 200;

/**
 * The sentence of an article that best answers a question: the one sharing the most (stemmed)
 * words with it, the first on a tie, cut to `max` characters at a word boundary with `…`.
 *
 * @example
 * snippetOf('Plans. To reset your password, open Settings.', 'reset password'); // 'To reset your password, open Settings.'
 */
export function snippetOf(content: string, query: string, max = SNIPPET_LENGTH): string {
  const wanted = new Set(termsOf(query));
  const sentences = content
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  let best = sentences[0] ?? '';
  let bestShared = 0;
  for (const sentence of sentences) {
    const shared = new Set(termsOf(sentence).filter((term) => wanted.has(term))).size;
    if (shared > bestShared) [best, bestShared] = [sentence, shared];
  }
  return cut(best, max);
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}
