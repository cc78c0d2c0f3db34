import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const PATH = '/api/v1/canned_responses';

describe('canned responses API (Chatwoot’s canned responses)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  const stored = () =>
    t.db.collection('canned_responses').find({}).sort({ teamId: 1, shortCode: 1 }).toArray();
  const create = (short_code: string, content: string, token?: string) =>
    t.api('POST', PATH, { short_code, content }, token);

  it('creates, lists, searches, changes and deletes a workspace’s responses', async () => {
    const refund = await create('refund', 'Hi {{customer.name}}, your refund is on its way.');
    expect(refund.status).toBe(201);
    expect(refund.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      short_code: 'refund',
      content: 'Hi {{customer.name}}, your refund is on its way.',
      created_by: 'U0ADMIN', // the Slack user who created the token
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const hello = await create('hello_2', 'Hello! How can we help with your REFUND or order?');
    const sso = await create('sso-reset', 'Reset SSO from Settings → Security.');
    expect([hello.status, sso.status]).toEqual([201, 201]);

    const codes = async (query = '') =>
      (await t.api('GET', `${PATH}${query}`)).body.map((r: { short_code: string }) => r.short_code);
    expect(await codes()).toEqual(['hello_2', 'refund', 'sso-reset']);
    // Chatwoot's search: the short code or the content contains it, in any case.
    expect(await codes('?search=refund')).toEqual(['hello_2', 'refund']);
    expect(await codes('?search=SSO')).toEqual(['sso-reset']);
    expect(await codes('?search=.*')).toEqual([]); // taken literally, not as a pattern
    expect(await codes('?search=')).toEqual(['hello_2', 'refund', 'sso-reset']);

    const changed = await t.api('PATCH', `${PATH}/${refund.body.id}`, {
      content: 'Your refund of {{request.id}} is on its way.',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      short_code: 'refund',
      content: expect.stringMatching(/^Your refund/),
    });
    const put = await t.api('PUT', `${PATH}/${sso.body.id}`, { short_code: 'sso' });
    expect([put.status, put.body.short_code]).toEqual([200, 'sso']);
    expect((await stored()).map((r) => [r.teamId, r.shortCode, r.createdBy])).toEqual([
      ['T0SIM', 'hello_2', 'U0ADMIN'],
      ['T0SIM', 'refund', 'U0ADMIN'],
      ['T0SIM', 'sso', 'U0ADMIN'],
    ]);
    expect((await stored())[1]?.content).toBe('Your refund of {{request.id}} is on its way.');

    expect((await t.api('DELETE', `${PATH}/${hello.body.id}`)).status).toBe(204);
    const again = await t.api('DELETE', `${PATH}/${hello.body.id}`);
    expect([again.status, again.body.error]).toEqual([404, 'not_found']);
    expect((await stored()).map((r) => r.shortCode)).toEqual(['refund', 'sso']);
  });

  it.each<[string, string, string, unknown, (string | number)[], string]>([
    [
      'a short code with capitals',
      'POST',
      '',
      { short_code: 'Refund', content: 'x' },
      ['body', 'short_code'],
      'lower-case',
    ],
    [
      'a short code with spaces',
      'POST',
      '',
      { short_code: 'my code', content: 'x' },
      ['body', 'short_code'],
      'lower-case',
    ],
    [
      'a short code of 51 characters',
      'POST',
      '',
      { short_code: 'a'.repeat(51), content: 'x' },
      ['body', 'short_code'],
      'at most 50',
    ],
    ['a missing short code', 'POST', '', { content: 'x' }, ['body', 'short_code'], ''],
    [
      'empty content',
      'POST',
      '',
      { short_code: 'empty', content: '   ' },
      ['body', 'content'],
      'must not be empty',
    ],
    [
      'content of 4,001 characters',
      'POST',
      '',
      { short_code: 'long', content: 'x'.repeat(4001) },
      ['body', 'content'],
      '4000',
    ],
    [
      'an unknown key',
      'POST',
      '',
      { short_code: 'k', content: 'x', title: 'T' },
      ['body'],
      'title',
    ],
    [
      'a short code already used',
      'POST',
      '',
      { short_code: 'taken', content: 'again' },
      ['body', 'short_code'],
      'taken',
    ],
    [
      'a change to a used short code',
      'PATCH',
      'mine',
      { short_code: 'taken' },
      ['body', 'short_code'],
      'taken',
    ],
    [
      'a change to a bad short code',
      'PUT',
      'mine',
      { short_code: 'no!' },
      ['body', 'short_code'],
      'lower-case',
    ],
    ['an empty change', 'PATCH', 'mine', {}, ['body'], 'nothing to change'],
  ])(
    'refuses %s with 422 naming it, and writes nothing',
    async (_what, method, target, body, loc, says) => {
      const taken = await create('taken', 'Taken');
      const mine = await create(`mine-${Date.now()}`, 'Mine');
      const before = await stored();
      const res = await t.api(method, target ? `${PATH}/${mine.body.id}` : PATH, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(
        expect.arrayContaining([expect.objectContaining({ loc: expect.arrayContaining(loc) })]),
      );
      expect(JSON.stringify(res.body.detail)).toContain(says);
      expect(await stored()).toEqual(before);
      for (const made of [taken, mine]) await t.api('DELETE', `${PATH}/${made.body.id}`);
    },
  );

  it('refuses a workspace’s 501st response with 422, and writes nothing', async () => {
    const docs = Array.from({ length: 500 }, (_, i) => ({
      teamId: 'T0FULL',
      shortCode: `c${i}`,
      content: 'x',
      createdBy: 'U0FULL',
      createdAt: new Date(),
      updatedAt: new Date(),
    }));
    await t.db.collection('canned_responses').insertMany(docs);
    const full = await createApiToken(t.bot.deps.models, 'T0FULL', 'U0FULL');
    const res = await create('one-more', 'x', full);
    expect([res.status, JSON.stringify(res.body.detail)]).toEqual([
      422,
      expect.stringContaining('at most 500'),
    ]);
    expect(await t.db.collection('canned_responses').countDocuments({ teamId: 'T0FULL' })).toBe(
      500,
    );
    await t.db.collection('canned_responses').deleteMany({ teamId: 'T0FULL' });
  });

  it('answers 401 on every endpoint without a valid token, and writes nothing', async () => {
    const mine = await create('kept', 'Kept');
    const before = await stored();
    const calls: [string, string, unknown?][] = [
      ['GET', PATH],
      ['GET', `${PATH}?search=kept`],
      ['POST', PATH, { short_code: 'x', content: 'y' }],
      ['PATCH', `${PATH}/${mine.body.id}`, { content: 'changed' }],
      ['PUT', `${PATH}/${mine.body.id}`, { short_code: 'changed' }],
      ['DELETE', `${PATH}/${mine.body.id}`],
    ];
    for (const token of [null, 'tbt_not-a-token']) {
      for (const [method, path, body] of calls) {
        const res = await t.api(method, path, body, token);
        expect([method, path, token, res.status, res.body.error]).toEqual([
          method,
          path,
          token,
          401,
          'unauthorized',
        ]);
      }
    }
    expect(await stored()).toEqual(before);
    await t.api('DELETE', `${PATH}/${mine.body.id}`);
  });

  it('answers 404 for an unknown, malformed or another workspace’s id, and changes nothing', async () => {
    const other = await createApiToken(t.bot.deps.models, 'T0OTHER', 'U0OTHER');
    const theirs = await create('theirs', 'Their secret reply', other);
    expect(theirs.status).toBe(201);
    const before = await stored();
    for (const id of ['0123456789abcdef01234567', 'not-an-id', theirs.body.id]) {
      for (const [method, body] of [
        ['PATCH', { content: 'taken over' }],
        ['PUT', { short_code: 'taken-over' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await t.api(method, `${PATH}/${id}`, body);
        expect([method, id, res.status, res.body.error]).toEqual([method, id, 404, 'not_found']);
        expect(res.text).not.toContain('Their secret');
      }
    }
    const mine = await t.api('GET', `${PATH}?search=secret`);
    expect(mine.body).toEqual([]);
    expect(await stored()).toEqual(before);
    await t.api('DELETE', `${PATH}/${theirs.body.id}`, undefined, other);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths[PATH])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${PATH}/{id}`])).toEqual(['patch', 'put', 'delete']);
  });
});
