import type { Models } from '../../db/models/index.js';
import { KbArticleStore } from '../../db/repositories/kb-articles.js';
import { KbIndexStore } from '../../db/repositories/kb-index.js';
import { KbPortalStore } from '../../db/repositories/kb-portals.js';
import {
  buildIndex,
  loadIndex,
  rankArticles,
  type KbIndex,
  type RankOptions,
  type Rerank,
} from '../../kb/search.js';
import { snippetOf } from '../../kb/snippet.js';

/** An article suggested for a question: its title, link (null: none known), snippet and score. */
export interface Suggestion {
  id: string;
  title: string;
  url: string | null;
  snippet: string;
  score: number;
}

/**
 * The workspace's knowledge-base search. The index is kept in `kb_indexes` (MiniSearch's JSON,
 * with the articles' version it was built at) and in this instance's memory: a search reads the
 * version (one small find); when it moved on (an article changed), the stored index is loaded if
 * it is current, else rebuilt from the published articles and stored back.
 * `rerank` is the seam for embeddings re-ranking (undefined until a provider is wired in).
 */
export class KbSearch {
  private readonly cache = new Map<string, { version: number; index: KbIndex }>();
  private readonly indexes: KbIndexStore;
  private readonly articles: KbArticleStore;
  private readonly portals: KbPortalStore;

  constructor(
    models: Models,
    private readonly rerank?: Rerank,
  ) {
    this.indexes = new KbIndexStore(models);
    this.articles = new KbArticleStore(models);
    this.portals = new KbPortalStore(models);
  }

  /** The workspace's index as of its articles now. */
  async index(teamId: string): Promise<KbIndex> {
    const version = await this.indexes.version(teamId);
    const cached = this.cache.get(teamId);
    if (cached?.version === version) return cached.index;
    const stored = await this.indexes.stored(teamId);
    let index: KbIndex;
    if (stored.index && stored.indexedVersion === stored.version) {
      index = loadIndex(stored.index);
    } else {
      index = buildIndex(await this.searchableArticles(teamId));
      if (stored.version > 0)
        await this.indexes.store(teamId, stored.version, JSON.stringify(index));
    }
    this.cache.set(teamId, { version: stored.version, index });
    return index;
  }

  /** Up to three articles answering `query`, best first; none below the score threshold. */
  async suggest(teamId: string, query: string, options: RankOptions = {}): Promise<Suggestion[]> {
    const index = await this.index(teamId);
    const hits = await rankArticles(index, query, { rerank: this.rerank, ...options });
    if (hits.length === 0) return [];
    const links = new Map(
      (
        await this.articles.links(
          teamId,
          hits.map((hit) => hit.id),
        )
      ).map((a) => [a.id, a]),
    );
    return hits.flatMap((hit) => {
      const article = links.get(hit.id);
      if (!article) return []; // removed since the index was read
      return [
        {
          id: hit.id,
          title: article.title,
          url: article.url,
          snippet: snippetOf(article.content, query),
          score: hit.score,
        },
      ];
    });
  }

  private async searchableArticles(teamId: string) {
    const portals = (await this.portals.list(teamId)).filter((portal) => !portal.archived);
    return this.articles.searchable(
      teamId,
      portals.map((portal) => String(portal._id)),
    );
  }
}
