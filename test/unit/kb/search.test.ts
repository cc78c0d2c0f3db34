import {
  buildIndex,
  loadIndex,
  rankArticles,
  searchIndex,
  termsOf,
  type Hit,
} from '../../../src/kb/search.js';

const ARTICLES = [
  {
    id: 'reset',
    title: 'Reset your password',
    content: 'Open Settings, then Security, and choose Reset password. A link is e-mailed to you.',
  },
  {
    id: 'sso',
    title: 'Sign in with SAML single sign-on',
    content: 'Administrators connect Okta or Azure AD under Settings → Security → SSO.',
  },
  {
    id: 'invoices',
    title: 'Download invoices',
    content: 'Billing → Invoices lists every invoice; each downloads as a PDF.',
    tags: ['billing'],
  },
  {
    id: 'export',
    title: 'Export conversations to CSV',
    content: 'Reports → Export writes every conversation of the range to a CSV file.',
  },
];

describe('termsOf', () => {
  it.each<[string, string[]]>([
    ['How do I reset my password?', ['reset', 'password']],
    ['Resetting passwords', ['reset', 'password']], // stemmed: the same terms as above
    ['Invoices for March 2024', ['invoic', 'march', '2024']],
    ['hi, thanks!', []], // only stop words
    ['SSO/SAML', ['sso', 'saml']],
    ['Ünïcode café', ['ünïcode', 'café']],
  ])('%s → %j', (text, terms) => {
    expect(termsOf(text)).toEqual(terms);
  });
});

describe('searchIndex', () => {
  const index = buildIndex(ARTICLES);
  const ids = (query: string) => searchIndex(index, query).map((hit) => hit.id);

  it.each<[string, string[]]>([
    ['I forgot my password, how can I reset it?', ['reset']],
    ['where can I download our invoices', ['invoices']],
    ['Can we export conversations as csv?', ['export']],
    ['does the SAML sign-in work with Okta', ['sso']],
    ['passwrods reset', ['reset']], // a typo in a long word still matches
    ['hello there, thank you', []], // stop words only: nothing
    ['what is the weather on mars', []], // nothing above the threshold
  ])('%s → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('answers at most `limit` hits, best first, each at or over `minScore`', () => {
    const hits = searchIndex(index, 'settings security password sso invoices csv', {
      limit: 2,
      minScore: 0,
    });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('ranks the same after a round trip through JSON (the stored index)', () => {
    const loaded = loadIndex(JSON.stringify(index));
    const query = 'reset password security settings';
    expect(searchIndex(loaded, query, { minScore: 0 })).toEqual(
      searchIndex(index, query, { minScore: 0 }),
    );
  });
});

describe('rankArticles', () => {
  const index = buildIndex(ARTICLES);
  // A re-ranker that puts the hits in reverse, and one that invents an article.
  const reverse = async (_query: string, hits: Hit[]) => [...hits].reverse();
  const inventing = async (_query: string, hits: Hit[]) => [
    { id: 'made-up', title: 'Made up', score: 99 },
    ...hits,
  ];
  const query = 'security settings password sso';

  it('is the BM25 order without a re-ranker', async () => {
    const hits = await rankArticles(index, query, { minScore: 0 });
    expect(hits.map((hit) => hit.id)).toEqual(
      searchIndex(index, query, { minScore: 0 }).map((h) => h.id),
    );
  });

  it('takes a re-ranker’s order among the hits over the threshold, never an article it adds', async () => {
    const bm25 = (await rankArticles(index, query, { minScore: 0 })).map((hit) => hit.id);
    const reversed = await rankArticles(index, query, { minScore: 0, rerank: reverse });
    expect(reversed.map((hit) => hit.id)).toEqual(
      searchIndex(index, query, { minScore: 0, limit: 9 })
        .map((h) => h.id)
        .reverse()
        .slice(0, 3),
    );
    expect(bm25.length).toBeGreaterThan(1);
    const invented = await rankArticles(index, query, { minScore: 0, rerank: inventing });
    expect(invented.map((hit) => hit.id)).not.toContain('made-up');
  });

  it('does not call the re-ranker when nothing passed the threshold', async () => {
    let called = 0;
    const counting = async (_query: string, hits: Hit[]) => {
      called += 1;
      return hits;
    };
    expect(await rankArticles(index, 'weather on mars', { rerank: counting })).toEqual([]);
    expect(called).toBe(0);
  });
});
