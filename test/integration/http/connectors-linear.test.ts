import { randomBytes } from 'node:crypto';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { LinearSimulator } from '../../support/linear/simulator.js';

const PATH = '/api/v1/connectors';
const stored = (t: TestBot) => t.db.collection('connectors').find({}).toArray();

/** A Linear connector: an API key, the team its issues go to; both checked before storing. */
describe('/api/v1/connectors for Linear', () => {
  let t: TestBot;
  let linear: LinearSimulator;
  let valid: Record<string, unknown>;
  beforeAll(async () => {
    linear = await LinearSimulator.start();
    t = await startTestBot({
      env: {
        SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    valid = {
      type: 'linear',
      base_url: linear.url,
      credentials: { api_key: linear.apiKey, webhook_secret: 'whs-lin' },
      options: { team_key: 'ENG' },
    };
  });
  afterAll(async () => {
    await t.stop();
    await linear.stop();
  });
  beforeEach(() => t.db.collection('connectors').deleteMany({}));

  it('creates one after asking Linear who the key is, and never shows the key', async () => {
    const res = await t.api('POST', PATH, valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'linear',
      credentials: { set: true, webhook_secret_set: true },
      options: { agent_replies_public: false, team_key: 'ENG' },
      webhook_path: `/webhooks/linear/${res.body.id}`,
    });
    expect(linear.calls).toContainEqual({ field: 'viewer', status: 200 });
    const [doc] = await stored(t);
    expect(doc).toMatchObject({ type: 'linear', vendorUserId: 'usr-bot' });
    for (const secret of [linear.apiKey, 'whs-lin']) {
      expect(JSON.stringify(doc)).not.toContain(secret);
      expect((await t.api('GET', PATH)).text).not.toContain(secret);
    }
  });

  it.each([
    [{ options: {} }, ['body', 'options', 'team_key'], /needs the team/],
    [{ options: { team_key: 'eng team' } }, ['body', 'options', 'team_key'], /team key/],
    [
      { credentials: { email: 'bot@acme.example', api_token: 't' } },
      ['body', 'credentials'],
      /api_key/,
    ],
    [
      { credentials: { api_key: 'lin_api_wrong' } },
      ['body', 'credentials'],
      /^Linear answered 400: it refused/,
    ],
    [{ type: 'zendesk' }, ['body', 'credentials'], /email and api_token/],
  ])('refuses %j with 422 naming the field, storing nothing', async (change, loc, msg) => {
    const res = await t.api('POST', PATH, { ...valid, ...change });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(loc);
    expect(res.body.detail[0].msg).toMatch(msg);
    expect(await stored(t)).toEqual([]);
  });

  it('refuses e-mail credentials for a Linear connector on update, changing nothing', async () => {
    const { id } = (await t.api('POST', PATH, valid)).body;
    const before = await stored(t);
    const res = await t.api('PATCH', `${PATH}/${id}`, {
      credentials: { email: 'bot@acme.example', api_token: 'tok' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'credentials'], msg: /api_key/ });
    expect(await stored(t)).toEqual(before);
    const rotated = await t.api('PUT', `${PATH}/${id}`, {
      credentials: { api_key: linear.apiKey },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.credentials).toEqual({ set: true, webhook_secret_set: false });
  });
});
