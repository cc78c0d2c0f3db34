import { bySimilarity } from '../../ai/similarity.js';
import type { Rerank } from '../../kb/search.js';
import type { Embedder } from './provider.js';

/**
 * Knowledge-base hits re-ordered by embeddings for one workspace: the question and each hit's
 * title embedded in one call, the hits sorted by cosine similarity to the question. No
 * embeddings (no embedding model, a failure, the budget used) leaves the BM25 order.
 */
export function embeddingRerank(embedder: Embedder, teamId: string): Rerank {
  return async (query, hits) => {
    const vectors = await embedder.embed(teamId, [query, ...hits.map((hit) => hit.title)]);
    if (!vectors || vectors.length !== hits.length + 1) return hits;
    const [question, ...titles] = vectors;
    return bySimilarity(hits, question ?? [], titles);
  };
}
