import { startTestBot, type TestBot } from '../../support/bot.js';

describe('accounts API', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addChannel({ id: 'C0INITECH', name: 'ext-initech', is_ext_shared: true });
    // Slack answers channel_not_found for a private channel the bot is not in.
    t.sim.addChannel({
      id: 'G0PRIVATE',
      name: 'initech-private',
      is_private: true,
      members: [t.sim.botUserId],
    });
  });
  afterAll(() => t.stop());

  it('creates an account and links its channels with their Slack names', async () => {
    const res = await t.api('POST', '/api/v1/accounts', {
      name: 'Initech',
      channels: ['C0INITECH', 'G0PRIVATE'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Initech',
      channels: ['C0INITECH', 'G0PRIVATE'],
      internal_channel_id: null,
    });
    const stored = await t.db.collection('channels').find({}).sort({ channelId: 1 }).toArray();
    expect(
      stored.map((c) => [c.channelId, c.name, c.isPrivate, c.isExtShared, String(c.accountId)]),
    ).toEqual([
      ['C0INITECH', 'ext-initech', false, true, res.body.id],
      ['G0PRIVATE', 'initech-private', true, false, res.body.id],
    ]);
    expect(t.sim.calls('conversations.info')).toHaveLength(2);

    const list = await t.api('GET', '/api/v1/accounts');
    expect(list.body.map((a: { name: string }) => a.name)).toEqual(['Initech']);
    const one = await t.api('GET', `/api/v1/accounts/${res.body.id}`);
    expect(one.body.channels).toEqual(['C0INITECH', 'G0PRIVATE']);
  });

  it.each([
    [
      'a channel Slack does not have',
      { name: 'Umbrella', channels: ['C0MISSING'] },
      ['body', 'channels', 0],
      'channel_not_found',
    ],
    [
      'a channel that already belongs to an account',
      { name: 'Umbrella', channels: ['C0INITECH'] },
      ['body', 'channels', 0],
      'duplicate',
    ],
    ['a duplicate name', { name: 'Initech' }, ['body', 'name'], 'duplicate'],
    ['a missing name', { channels: [] }, ['body', 'name'], 'invalid_type'],
    [
      'a malformed channel id',
      { name: 'Umbrella', channels: ['general'] },
      ['body', 'channels', 0],
      'invalid_format',
    ],
  ])('refuses %s with a 422 and creates nothing', async (_name, body, loc, type) => {
    const before = await t.db.collection('accounts').countDocuments();
    const channelsBefore = await t.db.collection('channels').find().toArray();
    const res = await t.api('POST', '/api/v1/accounts', body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(
      expect.arrayContaining([expect.objectContaining({ loc, type })]),
    );
    expect(await t.db.collection('accounts').countDocuments()).toBe(before);
    expect(await t.db.collection('channels').find().toArray()).toEqual(channelsBefore);
  });
});
