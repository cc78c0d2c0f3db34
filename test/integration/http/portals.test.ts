import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PORTALS = '/api/v1/portals';

describe('knowledge-base portals and articles API (Chatwoot’s Help Center)', () => {
  let t: TestBot;
  let agentToken: string;
  beforeAll(async () => {
    t = await startTestBot();
    agentToken = await createApiToken(t.bot.deps.models, t.teamId, 'U0ANN', { role: 'agent' });
  });
  afterAll(() => t.stop());

  const portals = () => t.db.collection('kb_portals').find({}).sort({ slug: 1 }).toArray();
  const articles = () => t.db.collection('kb_articles').find({}).sort({ slug: 1 }).toArray();
  const version = async () =>
    (await t.db.collection('kb_indexes').findOne({ teamId: 'T0SIM' }))?.version ?? 0;

  it('creates, reads, changes and deletes portals and their articles; each change moves the index version on', async () => {
    const portal = await t.api('POST', PORTALS, { name: 'Help', slug: 'help', color: '#1f93ff' });
    expect([portal.status, portal.body]).toEqual([
      201,
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: 'Help',
        slug: 'help',
        archived: false,
        color: '#1f93ff',
        header_text: null,
        page_title: null,
        homepage_link: null,
        crawl_url: null,
        crawled_at: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    const id = portal.body.id as string;
    const ARTICLES = `${PORTALS}/${id}/articles`;
    const reset = await t.api('POST', ARTICLES, {
      title: 'Reset your password',
      content: 'Open Settings, then Security, and choose Reset password.',
      url: 'https://help.example.com/reset',
      meta: { tags: ['login'] },
    });
    expect([reset.status, reset.body]).toEqual([
      201,
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        portal_id: id,
        title: 'Reset your password',
        content: 'Open Settings, then Security, and choose Reset password.',
        slug: 'reset-your-password',
        status: 'published',
        position: null,
        url: 'https://help.example.com/reset',
        meta: { tags: ['login'], title: null, description: null },
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    expect(await version()).toBe(1);
    // The same title again gets a slug made unique with its id.
    const again = await t.api('POST', ARTICLES, {
      title: 'Reset your password',
      content: 'An older copy.',
      status: 'draft',
    });
    expect(again.body.slug).toMatch(/^reset-your-password-[0-9a-f]{8}$/);
    expect(await version()).toBe(2);

    const listed = await t.api('GET', ARTICLES, undefined, agentToken); // an agent may read
    expect(listed.body.map((a: { status: string }) => a.status).sort()).toEqual([
      'draft',
      'published',
    ]);
    const changed = await t.api('PATCH', `${ARTICLES}/${reset.body.id}`, {
      content: 'Settings → Security → Reset password.',
      position: 1,
    });
    expect(changed.body).toMatchObject({
      content: 'Settings → Security → Reset password.',
      position: 1,
    });
    const read = await t.api('GET', `${ARTICLES}/${reset.body.id}`, undefined, agentToken);
    expect(read.body.content).toBe('Settings → Security → Reset password.');
    expect(await version()).toBe(3);

    const renamed = await t.api('PUT', `${PORTALS}/${id}`, { name: 'Help centre', archived: true });
    expect(renamed.body).toMatchObject({ name: 'Help centre', archived: true, slug: 'help' });
    expect(await version()).toBe(4); // archiving takes its articles out of the search
    expect(
      (await t.api('GET', PORTALS, undefined, agentToken)).body.map((p: { id: string }) => p.id),
    ).toEqual([id]);

    expect((await t.api('DELETE', `${ARTICLES}/${again.body.id}`)).status).toBe(204);
    expect((await articles()).map((a) => [a.teamId, a.portalId, a.slug, a.status])).toEqual([
      ['T0SIM', id, 'reset-your-password', 'published'],
    ]);
    expect((await t.api('DELETE', `${PORTALS}/${id}`)).status).toBe(204);
    expect([await portals(), await articles()]).toEqual([[], []]);
    const gone = await t.api('GET', `${PORTALS}/${id}`);
    expect([gone.status, gone.body.error]).toEqual([404, 'not_found']);
  });

  it('answers 401 without a token or with a wrong one, and 403 to an agent’s writes; nothing is written', async () => {
    expect((await t.api('GET', PORTALS, undefined, null)).status).toBe(401);
    expect((await t.api('GET', PORTALS, undefined, 'not-a-token')).status).toBe(401);
    const agent = await t.api('POST', PORTALS, { name: 'A', slug: 'a' }, agentToken);
    expect([agent.status, agent.body.error]).toEqual([403, 'forbidden']);
    const made = await t.api('POST', PORTALS, { name: 'B', slug: 'b' });
    const write = await t.api(
      'POST',
      `${PORTALS}/${made.body.id}/articles`,
      { title: 'T', content: 'C' },
      agentToken,
    );
    expect(write.status).toBe(403);
    expect(
      (await t.api('DELETE', `${PORTALS}/${made.body.id}`, undefined, agentToken)).status,
    ).toBe(403);
    expect((await portals()).map((p) => p.slug)).toEqual(['b']);
    expect(await articles()).toEqual([]);
    await t.api('DELETE', `${PORTALS}/${made.body.id}`);
  });

  it('answers 404 for unknown or malformed ids, and for an article asked under another portal', async () => {
    const a = await t.api('POST', PORTALS, { name: 'A', slug: 'pa' });
    const b = await t.api('POST', PORTALS, { name: 'B', slug: 'pb' });
    const article = await t.api('POST', `${PORTALS}/${a.body.id}/articles`, {
      title: 'T',
      content: 'C',
    });
    for (const [method, path] of [
      ['GET', `${PORTALS}/0123456789abcdef01234567`],
      ['GET', `${PORTALS}/nope`],
      ['PATCH', `${PORTALS}/nope`],
      ['GET', `${PORTALS}/nope/articles`],
      ['POST', `${PORTALS}/0123456789abcdef01234567/articles`],
      ['GET', `${PORTALS}/${b.body.id}/articles/${article.body.id}`],
      ['DELETE', `${PORTALS}/${b.body.id}/articles/${article.body.id}`],
      ['PATCH', `${PORTALS}/${a.body.id}/articles/nope`],
    ] as const) {
      const body =
        method === 'GET' || method === 'DELETE' ? undefined : { title: 'X', content: 'Y' };
      const res = await t.api(
        method,
        path,
        method === 'PATCH' ? { [path.includes('/articles') ? 'title' : 'name']: 'X' } : body,
      );
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    expect((await articles()).map((x) => [x.portalId, x.title])).toEqual([[a.body.id, 'T']]);
    await t.api('DELETE', `${PORTALS}/${a.body.id}`);
    await t.api('DELETE', `${PORTALS}/${b.body.id}`);
  });

  it.each<[string, string, unknown, (string | number)[]]>([
    ['a missing name', 'portal', { slug: 'x' }, ['body', 'name']],
    ['a slug with spaces', 'portal', { name: 'X', slug: 'a b' }, ['body', 'slug']],
    ['a bad colour', 'portal', { name: 'X', slug: 'x', color: 'blue' }, ['body', 'color']],
    ['an unknown key', 'portal', { name: 'X', slug: 'x', config: {} }, ['body']],
    ['a slug already used', 'portal', { name: 'X', slug: 'taken' }, ['body', 'slug']],
    ['an empty title', 'article', { title: '  ', content: 'C' }, ['body', 'title']],
    ['a missing content', 'article', { title: 'T' }, ['body', 'content']],
    [
      'an unknown status',
      'article',
      { title: 'T', content: 'C', status: 'live' },
      ['body', 'status'],
    ],
    ['a relative url', 'article', { title: 'T', content: 'C', url: '/reset' }, ['body', 'url']],
    [
      'a javascript: url',
      'article',
      { title: 'T', content: 'C', url: 'javascript:alert(1)' },
      ['body', 'url'],
    ],
    [
      'too many tags',
      'article',
      { title: 'T', content: 'C', meta: { tags: Array(21).fill('x') } },
      ['body', 'meta', 'tags'],
    ],
  ])('refuses %s with a 422 naming the field, writing nothing', async (_name, what, body, loc) => {
    const taken = await t.api('POST', PORTALS, { name: 'Taken', slug: 'taken' });
    const before = [await portals(), await articles(), await version()];
    const path = what === 'portal' ? PORTALS : `${PORTALS}/${taken.body.id}/articles`;
    const res = await t.api('POST', path, body);
    expect(res.status).toBe(422);
    expect(res.body.detail.map((d: { loc: unknown }) => d.loc)).toContainEqual(loc);
    expect([await portals(), await articles(), await version()]).toEqual(before);
    await t.api('DELETE', `${PORTALS}/${taken.body.id}`);
  });

  it('refuses an empty change and a slug another article of the portal uses', async () => {
    const p = await t.api('POST', PORTALS, { name: 'P', slug: 'p' });
    const one = await t.api('POST', `${PORTALS}/${p.body.id}/articles`, {
      title: 'One',
      content: 'C',
    });
    await t.api('POST', `${PORTALS}/${p.body.id}/articles`, { title: 'Two', content: 'C' });
    const empty = await t.api('PATCH', `${PORTALS}/${p.body.id}`, {});
    expect(empty.status).toBe(422);
    const clash = await t.api('PATCH', `${PORTALS}/${p.body.id}/articles/${one.body.id}`, {
      slug: 'two',
    });
    expect([clash.status, clash.body.detail[0].loc]).toEqual([422, ['body', 'slug']]);
    expect((await articles()).map((a) => a.slug)).toEqual(['one', 'two']);
    await t.api('DELETE', `${PORTALS}/${p.body.id}`);
  });

  it('takes an article as long as its schema allows, however its JSON escapes the text', async () => {
    const p = await t.api('POST', PORTALS, { name: 'Long', slug: 'long' });
    // 100,000 characters, each sent as a six-byte escape: 600 kB of JSON.
    const content = '\u00e9'.repeat(100_000);
    const res = await t.api(
      'POST',
      `${PORTALS}/${p.body.id}/articles`,
      `{"title":"Accents","content":"${content}"}`,
    );
    expect(res.status).toBe(201);
    const stored = await t.db.collection('kb_articles').findOne({ title: 'Accents' });
    expect(stored?.content).toBe('é'.repeat(100_000));
    const over = await t.api(
      'POST',
      `${PORTALS}/${p.body.id}/articles`,
      `{"title":"Too long","content":"${content}e"}`,
    );
    expect([over.status, over.body.detail[0].loc]).toEqual([422, ['body', 'content']]);
    expect(await t.db.collection('kb_articles').countDocuments({ title: 'Too long' })).toBe(0);
    await t.api('DELETE', `${PORTALS}/${p.body.id}`);
  });

  it('publishes the portal and article paths in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths[PORTALS])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${PORTALS}/{id}`])).toEqual([
      'get',
      'patch',
      'put',
      'delete',
    ]);
    expect(Object.keys(doc.body.paths[`${PORTALS}/{id}/articles`])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${PORTALS}/{id}/articles/{articleId}`])).toEqual([
      'get',
      'patch',
      'put',
      'delete',
    ]);
  });
});
