import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

describe('API authentication and tenancy', () => {
  let t: TestBot;
  let otherToken: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({ id: 'C0MINE', name: 'ext-mine', members: [t.sim.botUserId] });
    accountId = (await t.api('POST', '/api/v1/accounts', { name: 'Mine', channels: ['C0MINE'] }))
      .body.id;
    otherToken = await createApiToken(t.bot.deps.models, 'T0OTHER', 'U0OTHER');
  });
  afterAll(() => t.stop());

  it.each([
    ['no token', null],
    ['an unknown token', 'tbt_not-a-real-token'],
    ['a token of another scheme', 'xoxb-123'],
  ])('answers 401 to %s', async (_name, token) => {
    const res = await t.api('GET', '/api/v1/workspace/settings', undefined, token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ ok: false, error: 'unauthorized' });
  });

  it('stores tokens only as hashes', async () => {
    const docs = await t.db.collection('api_tokens').find().toArray();
    expect(docs.length).toBeGreaterThanOrEqual(2);
    for (const doc of docs) {
      expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(doc)).not.toContain(t.token);
      expect(JSON.stringify(doc)).not.toContain(otherToken);
    }
  });

  it('keeps another workspace out of this one’s accounts and channels (403), writing nothing', async () => {
    const before = await t.db.collection('channels').findOne({ channelId: 'C0MINE' });
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/accounts/${accountId}/settings`],
      [
        'PATCH',
        `/api/v1/accounts/${accountId}/settings`,
        { update: { requests: { config: { send_feedback: true } } } },
      ],
      ['GET', `/api/v1/accounts/${accountId}`],
      ['GET', '/api/v1/channels/C0MINE'],
      ['PUT', '/api/v1/channels/C0MINE', { assignment_mode: 'csm' }],
      ['GET', '/api/v1/channels/C0MINE/settings'],
      ['PATCH', '/api/v1/channels/C0MINE/settings', { reset: ['requests.config.send_feedback'] }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await t.api(method, path, body, otherToken);
      expect([method, path, res.status, res.body.error]).toEqual([method, path, 403, 'forbidden']);
    }
    expect(await t.db.collection('channels').findOne({ channelId: 'C0MINE' })).toEqual(before);
    expect((await t.api('GET', '/api/v1/channels', undefined, otherToken)).body).toEqual([]);
    expect((await t.api('GET', '/api/v1/accounts', undefined, otherToken)).body).toEqual([]);
  });

  it('keeps workspace settings apart', async () => {
    await t.api(
      'PATCH',
      '/api/v1/workspace/settings',
      { update: { requests: { config: { send_feedback: true } } } },
      otherToken,
    );
    const mine = await t.api('GET', '/api/v1/workspace/settings');
    expect(mine.body.data.team_id).toBe(t.teamId);
    expect(mine.body.data.features.requests.config.send_feedback).toBe(false);
  });
});

describe('health and OpenAPI', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it('reports the database and the scheduler', async () => {
    const res = await t.api('GET', '/healthz', undefined, null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: 'up', scheduler: 'running' });
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const res = await t.api('GET', '/api/v1/openapi.json', undefined, null);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/workspace/settings',
        '/api/v1/accounts/{accountId}/settings',
        '/api/v1/channels/{channelId}/settings',
        '/api/v1/channels',
        '/api/v1/channels/{channelId}',
        '/api/v1/accounts',
        '/healthz',
      ]),
    );
    const features = JSON.stringify(res.body.components.schemas);
    expect(features).toContain('conversation_grouping_window');
    expect(features).toContain('emailToSlack');
  });

  it('answers unknown API paths with the error body, not HTML', async () => {
    const res = await t.api('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});
