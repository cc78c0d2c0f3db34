import { startTestBot, type TestBot } from '../../support/bot.js';

/**
 * The bot answers Slack only after its listeners have finished (`processBeforeResponse`), so
 * when a `driver.*` call resolves the event has been handled. Negative assertions also wait
 * for a call the bot makes on the way (or a short, bounded moment), so they would not pass
 * vacuously if that ever changed.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('welcoming customers who join a customer channel', () => {
  let t: TestBot;
  const CONNECT = 'C0ACME'; // Slack Connect channel shared with Acme
  const LOCAL = 'C0EXTLOCAL'; // an internal "ext-" channel, not shared
  const TRIAGE = 'C0TRIAGE';
  const WELCOME = 'Welcome to Acme support! Post your question here.';

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addTeam({ id: 'T0ACME', name: 'Acme' });
    for (const id of ['U0CUST', 'U0CUST2', 'U0CUST3', 'U0CUST4']) {
      t.sim.addUser({ id, team_id: 'T0ACME' });
    }
    for (const id of ['U0STAFF', 'U0AGENT', 'U0LISTED', 'U0LOCAL']) t.sim.addUser({ id });
    t.sim.addChannel({ id: TRIAGE, name: 'triage', members: [t.sim.botUserId, 'U0AGENT'] });
    t.sim.addChannel({ id: CONNECT, name: 'ext-acme', is_ext_shared: true, members: ['U0STAFF'] });
    t.sim.addChannel({ id: LOCAL, name: 'ext-local', members: ['U0STAFF'] });
    // The bot is added to both channels, which makes them known customer channels.
    for (const channel of [CONNECT, LOCAL]) {
      await t.driver.memberJoinedChannel(channel, t.sim.botUserId, { inviter: 'U0STAFF' });
      const res = await t.api('PUT', `/api/v1/channels/${channel}`, { triage_channel_id: TRIAGE });
      expect(res.status).toBe(200);
    }
    await t.bot.deps.models.workspaces.updateOne(
      { _id: t.teamId },
      { $set: { internalUserIds: ['U0LISTED'] } },
    );
  });
  afterAll(() => t.stop());

  const welcome = async (isOn: boolean) => {
    const config = { should_send_welcome_message: isOn, welcome_message: WELCOME };
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { config } },
    });
    expect(res.status).toBe(200);
  };
  const welcomesOf = (user: string) => t.sim.ephemerals(undefined, user);
  const usersInfoFor = (user: string, count = 1) =>
    t.sim.waitForCall('users.info', { when: (call) => call.params.user === user, count });
  const rejoin = async (channel: string, user: string) => {
    t.sim.leaveChannel(channel, user);
    return t.driver.memberJoinedChannel(channel, user);
  };

  beforeEach(() => welcome(true));

  it('shows the welcome message to a joining customer, only to them, once', async () => {
    await t.driver.memberJoinedChannel(CONNECT, 'U0CUST');
    const [shown] = await t.sim.waitFor(
      () => welcomesOf('U0CUST').length > 0 && welcomesOf('U0CUST'),
    );
    expect(shown).toMatchObject({ channel: CONNECT, user: 'U0CUST', text: WELCOME });
    expect(t.sim.messages(CONNECT)).toHaveLength(0); // nothing posted for everyone

    await rejoin(CONNECT, 'U0CUST');
    await usersInfoFor('U0CUST', 2); // the second join was looked at
    await settle();
    expect(welcomesOf('U0CUST')).toHaveLength(1);
  });

  it('welcomes once when the same join is delivered in parallel', async () => {
    t.sim.joinChannel(CONNECT, 'U0CUST2');
    const event = { eventId: 'Ev0JOIN2' };
    await Promise.all([
      t.driver.memberJoinedChannel(CONNECT, 'U0CUST2', { event }),
      t.driver.memberJoinedChannel(CONNECT, 'U0CUST2', { event: { ...event, retryNum: 1 } }),
      t.driver.memberJoinedChannel(CONNECT, 'U0CUST2', { event: { ...event, retryNum: 2 } }),
    ]);
    await t.sim.waitFor(() => welcomesOf('U0CUST2').length > 0);
    await settle();
    expect(welcomesOf('U0CUST2')).toHaveLength(1);
    const claims = await t.db.collection('welcomes').countDocuments({ userId: 'U0CUST2' });
    expect(claims).toBe(1);
  });

  it('welcomes a person of the workspace in a non-shared channel when they are not staff', async () => {
    await t.driver.memberJoinedChannel(LOCAL, 'U0LOCAL');
    await t.sim.waitFor(() => welcomesOf('U0LOCAL').length > 0);
    expect(welcomesOf('U0LOCAL')[0]).toMatchObject({ channel: LOCAL, text: WELCOME });
  });

  it.each([
    ['a workspace member joining the Connect channel', CONNECT, 'U0STAFF'],
    ['a member of the triage channel', LOCAL, 'U0AGENT'],
    ['a user listed in internalUserIds', LOCAL, 'U0LISTED'],
  ])('does not welcome %s', async (_who, channel, user) => {
    await rejoin(channel, user);
    await usersInfoFor(user);
    await settle();
    expect(welcomesOf(user)).toHaveLength(0);
    expect(await t.db.collection('welcomes').countDocuments({ userId: user })).toBe(0);
  });

  it('does not welcome anyone when the welcome message is off', async () => {
    await welcome(false);
    expect((await t.driver.memberJoinedChannel(CONNECT, 'U0CUST3')).status).toBe(200);
    await settle();
    expect(welcomesOf('U0CUST3')).toHaveLength(0);

    await welcome(true);
    await rejoin(CONNECT, 'U0CUST3');
    await t.sim.waitFor(() => welcomesOf('U0CUST3').length > 0); // turned on: welcomed now
  });

  it('keeps the record when the person left before the welcome (user_not_in_channel)', async () => {
    t.sim.fail('chat.postEphemeral', { error: 'user_not_in_channel' });
    await t.driver.memberJoinedChannel(CONNECT, 'U0CUST4');
    await t.sim.waitForCall('chat.postEphemeral', { when: (c) => c.params.user === 'U0CUST4' });
    expect(await t.db.collection('welcomes').countDocuments({ userId: 'U0CUST4' })).toBe(1);

    await rejoin(CONNECT, 'U0CUST4');
    await usersInfoFor('U0CUST4', 2);
    await settle();
    const attempts = t.sim.calls('chat.postEphemeral').filter((c) => c.params.user === 'U0CUST4');
    expect(attempts).toHaveLength(1);
  });

  it('ignores people joining a channel the bot does not know', async () => {
    t.sim.addChannel({ id: 'C0UNKNOWN', name: 'ext-unknown', members: [t.sim.botUserId] });
    expect((await t.driver.memberJoinedChannel('C0UNKNOWN', 'U0CUST')).status).toBe(200);
    await settle();
    expect(welcomesOf('U0CUST').filter((e) => e.channel === 'C0UNKNOWN')).toHaveLength(0);
  });
});
