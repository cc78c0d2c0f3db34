import { buildIndex, searchIndex, type IndexedArticle } from './search.js';

/** A customer question labelled with the article(s) that answer it. */
export interface LabelledQuery {
  text: string;
  answers: string[];
}

/** The share of questions with an answering article among the first three suggestions. */
export interface KbEvaluation {
  queries: number;
  hits: number;
  top3: number;
  /** Questions no suggestion answered (for tuning). */
  misses: { text: string; got: string[] }[];
}

/**
 * KB top-3 hit rate of the BM25 path: each question is searched as a new request's text is
 * (the same index, options and score threshold), and counts as a hit when one of its answering
 * articles is among the suggestions. Pure.
 */
export function evaluateKb(
  articles: readonly IndexedArticle[],
  queries: readonly LabelledQuery[],
): KbEvaluation {
  const index = buildIndex(articles);
  const misses: KbEvaluation['misses'] = [];
  let hits = 0;
  for (const query of queries) {
    const got = searchIndex(index, query.text).map((hit) => hit.id);
    if (got.some((id) => query.answers.includes(id))) hits += 1;
    else misses.push({ text: query.text, got });
  }
  const top3 = queries.length === 0 ? 0 : Math.round((hits / queries.length) * 1000) / 1000;
  return { queries: queries.length, hits, top3, misses };
}
