import { startTestBot, type TestBot } from '../../support/bot.js';

/**
 * The bot answers Slack only after its listeners have finished (`processBeforeResponse`), so
 * when a `driver.*` call resolves the event has been handled. Negative assertions still wait a
 * short, bounded moment first, so they would not pass vacuously if that ever changed.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('auto-joining public channels by name', () => {
  let t: TestBot;
  const ANN = 'U0ANN';

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addUser({ id: ANN, name: 'ann' });
  });
  afterAll(() => t.stop());

  const autoJoin = async (isEnabled: boolean) => {
    const update = { requests: { automations: { makeThenaBotAutoJoinChannels: { isEnabled } } } };
    const res = await t.api('PATCH', '/api/v1/workspace/settings', { update });
    expect(res.status).toBe(200);
  };
  const newChannel = (id: string, name: string) =>
    t.sim.addChannel({ id, name, creator: ANN, members: [ANN] });
  const joinCalls = (channel: string) =>
    t.sim.calls('conversations.join').filter((call) => call.params.channel === channel);
  const channelDoc = (channelId: string) => t.db.collection('channels').findOne({ channelId });
  const botIn = (channel: string) =>
    t.sim.waitFor(() => t.sim.channel(channel)?.members.has(t.sim.botUserId), {
      what: `the bot in ${channel}`,
    });

  beforeEach(() => autoJoin(true));

  it('joins a new channel whose name matches and records it as a customer channel', async () => {
    newChannel('C0EXTACME', 'ext-acme');
    expect((await t.driver.channelCreated('C0EXTACME')).status).toBe(200);
    await botIn('C0EXTACME');
    expect(await channelDoc('C0EXTACME')).toMatchObject({
      name: 'ext-acme',
      kind: 'customer',
      botIsMember: true,
      isExtShared: false,
    });
  });

  it('leaves a new channel alone when its name does not match', async () => {
    newChannel('C0RANDOM', 'random-chat');
    newChannel('C0EXTMARK', 'ext-marker');
    await t.driver.channelCreated('C0RANDOM');
    await t.driver.channelCreated('C0EXTMARK');
    await botIn('C0EXTMARK'); // the later, matching event has been handled
    expect(joinCalls('C0RANDOM')).toHaveLength(0);
    expect(await channelDoc('C0RANDOM')).toBeNull();
  });

  it('does not join when auto-join is disabled', async () => {
    await autoJoin(false);
    newChannel('C0EXTOFF', 'ext-off');
    expect((await t.driver.channelCreated('C0EXTOFF')).status).toBe(200);
    await settle();
    expect(joinCalls('C0EXTOFF')).toHaveLength(0);
    expect(t.sim.channel('C0EXTOFF')?.members.has(t.sim.botUserId)).toBe(false);
  });

  it('joins a channel renamed into a matching name, and only once', async () => {
    newChannel('C0PROJECT', 'project-x');
    await t.driver.channelCreated('C0PROJECT');
    await t.driver.channelRename('C0PROJECT', 'ext-project-x');
    await botIn('C0PROJECT');
    expect(await channelDoc('C0PROJECT')).toMatchObject({
      name: 'ext-project-x',
      botIsMember: true,
    });

    // Renaming a channel the bot is already in only updates the stored name.
    await t.driver.channelRename('C0PROJECT', 'ext-project-y');
    expect(await channelDoc('C0PROJECT')).toMatchObject({ name: 'ext-project-y' });
    await settle();
    expect(joinCalls('C0PROJECT')).toHaveLength(1);
  });

  it.each(['is_archived', 'channel_not_found'])(
    'logs a conversations.join failing with %s and keeps answering',
    async (error) => {
      const id = `C0FAIL${error === 'is_archived' ? 'ARC' : 'NF'}`;
      newChannel(id, `ext-${error.replace(/_/g, '-')}`);
      t.sim.fail('conversations.join', { error }, { when: (params) => params.channel === id });
      expect((await t.driver.channelCreated(id)).status).toBe(200);
      const failed = await t.sim.waitForCall('conversations.join', {
        when: (call) => call.params.channel === id,
      });
      expect(failed).toMatchObject({ ok: false, error });
      expect(await channelDoc(id)).toBeNull();

      const next = `${id}2`;
      newChannel(next, `ext-next-${error.replace(/_/g, '-')}`);
      expect((await t.driver.channelCreated(next)).status).toBe(200);
      await botIn(next);
    },
  );
});
