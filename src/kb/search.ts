import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { stemmer } from 'stemmer';

/**
 * The knowledge base's BM25 ranking (issue 16, part 3): MiniSearch (BM25+) over each article's
 * title and content, with our tokenising (lower case, English stop words dropped, Porter
 * stemming by `stemmer`), the title boosted, a modest fuzzy match for long words, and a score
 * threshold under which nothing is suggested. Pure: no I/O; the index is built, serialised and
 * loaded by the caller.
 */

/** What is indexed of an article. */
export interface IndexedArticle {
  id: string;
  title: string;
  content: string;
  tags?: string[] | undefined;
}

/** A ranked article: its id, title and BM25 score (higher is better). */
export interface Hit {
  id: string;
  title: string;
  score: number;
}

/** An optional second ranking of the BM25 hits (embeddings, when a provider is set). */
export type Rerank = (query: string, hits: Hit[]) => Promise<Hit[]>;

/**
 * The lowest BM25 score a suggestion needs (tuned on `test/fixtures/eval/`: questions about
 * something no article covers, such as "hello", score below it). Scores grow with the number of
 * query words an article matches and how rare those words are in the workspace's articles.
 */
export const MIN_SCORE = 4;
/** How many articles a request is shown at most. */
export const MAX_SUGGESTIONS = 3;

// Words that say nothing about a question's subject ("how do I …").
const STOP_WORDS = new Set(
  (
    'a about after again all also am an and any are as at be been before being but by can ' +
    'cannot could did do does doing done for from get getting got had has have having he her ' +
    'here hi hello hey how i if in into is it its just me my need no not now of on or our out ' +
    'please so some still than thank thanks that the their them then there these they this ' +
    'those to too up us want was we were what when where which while who why will with would ' +
    'you your yes help anyone someone'
  ).split(' '),
);

/** One word as the index keeps it: lower case and stemmed; a stop word or one letter is dropped. */
export function termOf(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  return /^\p{L}+$/u.test(lower) ? stemmer(lower) : lower;
}

/** A text's index terms, in order (duplicates kept). */
export function termsOf(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .map(termOf)
    .filter((term): term is string => term !== null);
}

const OPTIONS: Options<IndexedArticle> = {
  fields: ['title', 'content', 'tags'],
  storeFields: ['title'],
  extractField: (doc, field) => {
    const value = doc[field as keyof IndexedArticle];
    return Array.isArray(value) ? value.join(' ') : (value ?? '');
  },
  tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u),
  processTerm: (term) => termOf(term),
};

const SEARCH: SearchOptions = {
  boost: { title: 2, tags: 1.5 },
  // A typo in a long word still matches, at a discount (MiniSearch weighs fuzzy matches down).
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  prefix: false,
  combineWith: 'OR',
};

export type KbIndex = MiniSearch<IndexedArticle>;

/** A new index of these articles. */
export function buildIndex(articles: readonly IndexedArticle[]): KbIndex {
  const index = new MiniSearch<IndexedArticle>(OPTIONS);
  index.addAll(articles);
  return index;
}

/** An index serialised with `JSON.stringify(index)`, loaded back with the same options. */
export function loadIndex(json: string): KbIndex {
  return MiniSearch.loadJSON<IndexedArticle>(json, OPTIONS);
}

/** The articles matching a question, best first, each scoring at least `minScore`. */
export function searchIndex(
  index: KbIndex,
  query: string,
  { limit = MAX_SUGGESTIONS, minScore = MIN_SCORE } = {},
): Hit[] {
  return index
    .search(query, SEARCH)
    .filter((result) => result.score >= minScore)
    .slice(0, limit)
    .map((result) => ({
      id: String(result.id),
      title: String(result.title),
      score: result.score,
    }));
}

/**
 * The suggestions for a question: the BM25 hits, re-ranked when a re-ranker is given (only among
 * the hits that passed the threshold, so a re-ranker cannot bring in an unrelated article).
 */
export async function rankArticles(
  index: KbIndex,
  query: string,
  { limit = MAX_SUGGESTIONS, minScore = MIN_SCORE, rerank }: RankOptions = {},
): Promise<Hit[]> {
  const hits = searchIndex(index, query, { limit: rerank ? limit * 3 : limit, minScore });
  if (!rerank || hits.length < 2) return hits.slice(0, limit);
  const known = new Set(hits.map((hit) => hit.id));
  return (await rerank(query, hits)).filter((hit) => known.has(hit.id)).slice(0, limit);
}

export interface RankOptions {
  limit?: number;
  minScore?: number;
  rerank?: Rerank | undefined;
}
