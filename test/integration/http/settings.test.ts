import { startTestBot, type TestBot } from '../../support/bot.js';

const SEND_FEEDBACK = 'requests.config.send_feedback';
const GROUPING = 'requests.config.conversation_grouping_window';

describe('settings API', () => {
  let t: TestBot;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({
      id: 'C0ACME1',
      name: 'ext-acme',
      is_ext_shared: true,
      members: [t.sim.botUserId],
    });
    t.sim.addChannel({ id: 'C0ACME2', name: 'ext-acme-eng', members: [t.sim.botUserId] });
    const created = await t.api('POST', '/api/v1/accounts', {
      name: 'Acme',
      channels: ['C0ACME1', 'C0ACME2'],
    });
    expect(created.status).toBe(201);
    accountId = created.body.id;
  });
  afterAll(() => t.stop());

  /** The stored override documents, read straight from the database. */
  const stored = async () => ({
    workspace: await t.db.collection('workspaces').findOne({ _id: t.teamId as never }),
    account: await t.db.collection('accounts').findOne({ name: 'Acme' }),
    channel: await t.db.collection('channels').findOne({ channelId: 'C0ACME1' }),
  });

  it('returns the built-in defaults for every channel of an account, in seed 000 shape', async () => {
    const res = await t.api('GET', `/api/v1/accounts/${accountId}/settings`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.error).toBeNull();
    expect(res.body.data.map((d: { relationship_id: string }) => d.relationship_id)).toEqual([
      'C0ACME1',
      'C0ACME2',
    ]);
    expect(res.body.data[0].features.requests.config.conversation_grouping_window).toBe(5);
    expect(res.body.data[0].features.requests.config.feedback_rating).toBe('2_POINTS');
  });

  it('applies an account update to every channel of the account and explains where it came from', async () => {
    const res = await t.api('PATCH', `/api/v1/accounts/${accountId}/settings?explain=true`, {
      update: { requests: { config: { send_feedback: true, conversation_grouping_window: 15 } } },
    });
    expect(res.status).toBe(200);
    for (const entry of res.body.data) {
      expect(entry.features.requests.config.send_feedback).toBe(true);
      expect(entry.provenance[GROUPING]).toEqual({
        value: 15,
        setAt: { level: 'account', id: accountId, name: 'Acme' },
        locked: false,
        lockedAt: null,
      });
    }
    const { account } = await stored();
    expect(account?.settings.overrides).toEqual(
      expect.arrayContaining([
        { key: SEND_FEEDBACK, value: true },
        { key: GROUPING, value: 15 },
      ]),
    );
  });

  it('lets a channel override the account and reset back to it', async () => {
    let res = await t.api('PATCH', '/api/v1/channels/C0ACME1/settings?explain=true', {
      update: { requests: { config: { conversation_grouping_window: 30 } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data[0].provenance[GROUPING].setAt).toEqual({
      level: 'channel',
      id: 'C0ACME1',
      name: 'ext-acme',
    });
    res = await t.api('GET', `/api/v1/accounts/${accountId}/settings`);
    expect(
      res.body.data.map(
        (d: { features: { requests: { config: { conversation_grouping_window: number } } } }) =>
          d.features.requests.config.conversation_grouping_window,
      ),
    ).toEqual([30, 15]);

    res = await t.api('PATCH', '/api/v1/channels/C0ACME1/settings', {
      reset: [`features.${GROUPING}`],
    });
    expect(res.status).toBe(200);
    expect(res.body.data[0].features.requests.config.conversation_grouping_window).toBe(15);
    expect((await stored()).channel?.settings.overrides).toEqual([]);
  });

  it('accepts seed 001 style {value} wrappers, with {value: null} as a reset', async () => {
    let res = await t.api('PATCH', '/api/v1/channels/C0ACME2/settings', {
      update: { requests: { config: { auto_close_duration_in_minutes: { value: 120 } } } },
    });
    expect(res.body.data[0].features.requests.config.auto_close_duration_in_minutes).toBe(120);
    res = await t.api('PATCH', '/api/v1/channels/C0ACME2/settings', {
      update: { requests: { config: { auto_close_duration_in_minutes: { value: null } } } },
    });
    expect(res.body.data[0].features.requests.config.auto_close_duration_in_minutes).toBe(0);
  });

  it('refuses a channel override of a key the workspace locked, and writes nothing', async () => {
    let res = await t.api('PATCH', '/api/v1/workspace/settings?explain=true', {
      update: { requests: { support: { response_sla: { sla: 240 } } } },
      lock: ['features.requests.support.response_sla.sla'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.locks).toEqual(['requests.support.response_sla.sla']);
    expect(res.body.data.provenance['requests.support.response_sla.sla']).toMatchObject({
      value: 240,
      locked: true,
      lockedAt: { level: 'workspace', id: t.teamId },
    });
    const before = await stored();

    res = await t.api('PATCH', '/api/v1/channels/C0ACME1/settings', {
      update: {
        requests: { support: { response_sla: { sla: 5 } }, config: { send_feedback: false } },
      },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('setting_locked');
    expect(res.body.message).toContain(
      '"requests.support.response_sla.sla" is locked at workspace',
    );
    expect(res.body.detail[0].type).toBe('setting_locked');
    expect(await stored()).toEqual(before);

    res = await t.api('PATCH', `/api/v1/accounts/${accountId}/settings`, {
      unlock: ['requests.support.response_sla.sla'],
    });
    expect(res.status).toBe(403);
    expect(await stored()).toEqual(before);

    res = await t.api('GET', '/api/v1/channels/C0ACME1/settings');
    expect(res.body.data[0].features.requests.support.response_sla.sla).toBe(240);
  });

  it('lets an account lock a key for its channels', async () => {
    let res = await t.api('PATCH', `/api/v1/accounts/${accountId}/settings`, {
      lock: [SEND_FEEDBACK],
    });
    expect(res.status).toBe(200);
    res = await t.api('PATCH', '/api/v1/channels/C0ACME2/settings', { reset: [SEND_FEEDBACK] });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('is locked at account Acme');
    res = await t.api('PATCH', `/api/v1/accounts/${accountId}/settings`, {
      unlock: [SEND_FEEDBACK],
    });
    expect(res.status).toBe(200);
  });

  describe('refuses bad input with a 422 naming the problem, writing nothing', () => {
    const cases: [string, string, unknown, (string | number)[], string][] = [
      [
        'an unknown key',
        'channel',
        { update: { requests: { config: { bogus: 1 } } } },
        ['body', 'update', 'requests', 'config', 'bogus'],
        'unrecognized_keys',
      ],
      [
        'a wrong type',
        'channel',
        { update: { requests: { config: { send_feedback: 'yes' } } } },
        ['body', 'update', 'requests', 'config', 'send_feedback'],
        'invalid_type',
      ],
      [
        'negative minutes',
        'account',
        { update: { requests: { config: { auto_close_duration_in_minutes: -5 } } } },
        ['body', 'update', 'requests', 'config', 'auto_close_duration_in_minutes'],
        'too_small',
      ],
      [
        'fractional minutes',
        'workspace',
        { update: { requests: { config: { close_nudge_duration_in_minutes: 1.5 } } } },
        ['body', 'update', 'requests', 'config', 'close_nudge_duration_in_minutes'],
        'invalid_type',
      ],
      [
        'a bad enum',
        'workspace',
        { update: { requests: { config: { feedback_rating: '3_POINTS' } } } },
        ['body', 'update', 'requests', 'config', 'feedback_rating'],
        'invalid_value',
      ],
      [
        'a bad reset path',
        'channel',
        {
          update: { requests: { config: { send_feedback: true } } },
          reset: ['features.requests.nope'],
        },
        ['body', 'reset', 0],
        'unknown_setting',
      ],
      ['an unknown top-level field', 'workspace', { updates: {} }, ['body'], 'unrecognized_keys'],
      [
        'lock at channel level',
        'channel',
        { lock: [SEND_FEEDBACK] },
        ['body'],
        'unrecognized_keys',
      ],
      ['an empty body', 'account', {}, ['body'], 'custom'],
      [
        'a dotted key in update (only nesting names a setting there)',
        'workspace',
        { update: { 'requests.config.send_feedback': true } },
        ['body', 'update', 'requests.config.send_feedback'],
        'unrecognized_keys',
      ],
      [
        'a group given a scalar',
        'workspace',
        { update: { requests: 3 } },
        ['body', 'update', 'requests'],
        'object_expected',
      ],
    ];
    const paths = (level: string) =>
      level === 'channel'
        ? '/api/v1/channels/C0ACME1/settings'
        : level === 'account'
          ? `/api/v1/accounts/${accountId}/settings`
          : '/api/v1/workspace/settings';

    it.each(cases)('%s', async (_name, level, body, loc, type) => {
      const before = await stored();
      const res = await t.api('PATCH', paths(level), body);
      expect(res.status).toBe(422);
      expect(res.body.ok).toBe(false);
      expect(res.body.detail).toEqual(
        expect.arrayContaining([expect.objectContaining({ loc, type })]),
      );
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
      expect(await stored()).toEqual(before);
    });

    it('malformed JSON', async () => {
      const before = await stored();
      const res = await t.api('PATCH', '/api/v1/workspace/settings', '{"update": {');
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        { loc: ['body'], msg: 'malformed JSON', type: 'json_invalid' },
      ]);
      expect(await stored()).toEqual(before);
    });

    it('a valid update beside an invalid reset (all or nothing)', async () => {
      const before = await stored();
      const res = await t.api('PATCH', '/api/v1/channels/C0ACME1/settings', {
        update: { requests: { config: { conversation_grouping_window: 45 } } },
        reset: ['requests.config.not_a_key'],
      });
      expect(res.status).toBe(422);
      expect(await stored()).toEqual(before);
    });
  });

  it('answers 404 for unknown accounts and channels', async () => {
    expect((await t.api('GET', '/api/v1/accounts/0123456789abcdef01234567/settings')).status).toBe(
      404,
    );
    expect((await t.api('GET', '/api/v1/accounts/not-an-id/settings')).status).toBe(404);
    const res = await t.api('PATCH', '/api/v1/channels/C0NOPE/settings', {
      reset: [SEND_FEEDBACK],
    });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});
