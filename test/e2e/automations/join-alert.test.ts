import { startTestBot, type TestBot } from '../../support/bot.js';

/**
 * The bot answers Slack only after its listeners have finished (`processBeforeResponse`), so
 * when a `driver.*` call resolves the event has been handled. Negative assertions still wait a
 * short, bounded moment first, so they would not pass vacuously if that ever changed.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('announcing channel joins in the alerts channel', () => {
  let t: TestBot;
  const ANN = 'U0ANN';
  const ALERTS = 'C0ALERTS';

  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addUser({ id: ANN, name: 'ann' });
    t.sim.addChannel({ id: ALERTS, name: 'triage-alerts', members: [t.sim.botUserId] });
  });
  afterAll(() => t.stop());

  const notify = async (notifyOnChannelJoin: Record<string, unknown>) => {
    const update = {
      requests: {
        automations: {
          makeThenaBotAutoJoinChannels: { isEnabled: true },
          notifyOnChannelJoin: {
            isEnabled: true,
            alertsChannel: ALERTS,
            howAreChannelsDefined: 'by-conditions',
            ...notifyOnChannelJoin,
          },
        },
      },
    };
    const res = await t.api('PATCH', '/api/v1/workspace/settings', { update });
    expect(res.status).toBe(200);
  };
  const newChannel = (id: string, name: string) =>
    t.sim.addChannel({ id, name, creator: ANN, members: [ANN] });
  const alertsAbout = (channel: string) =>
    t.sim.messages(ALERTS).filter((m) => JSON.stringify(m.blocks).includes(`<#${channel}`));
  const waitForAlert = (channel: string) =>
    t.sim.waitFor(() => alertsAbout(channel)[0], { what: `an alert about ${channel}` });

  beforeEach(() => notify({}));

  it('announces an auto-join with a link to the channel', async () => {
    newChannel('C0GLOBEX', 'ext-globex');
    await t.driver.channelCreated('C0GLOBEX');
    const alert = await waitForAlert('C0GLOBEX');
    expect(alert.text).toBe('Triage joined #ext-globex');
    expect(JSON.stringify(alert.blocks)).toContain('<#C0GLOBEX|ext-globex>');
    expect(JSON.stringify(alert.blocks)).toContain('Joined automatically');
  });

  it('announces once when Slack retries the same event', async () => {
    newChannel('C0RETRY', 'ext-retry');
    await t.driver.channelCreated('C0RETRY', { eventId: 'Ev0RETRY' });
    await waitForAlert('C0RETRY');
    const retry = await t.driver.channelCreated('C0RETRY', {
      eventId: 'Ev0RETRY',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await settle();
    expect(alertsAbout('C0RETRY')).toHaveLength(1);
  });

  it('announces once when deliveries of the same join arrive in parallel', async () => {
    newChannel('C0PARALLEL', 'ext-parallel');
    const created = { eventId: 'Ev0PARALLEL' };
    const responses = await Promise.all([
      t.driver.channelCreated('C0PARALLEL', created),
      t.driver.channelCreated('C0PARALLEL', { ...created, retryNum: 1 }),
      t.driver.channelCreated('C0PARALLEL', { ...created, retryNum: 2 }),
      // Slack also tells the app that its bot user joined, once the join went through.
      t.sim
        .waitFor(() => t.sim.channel('C0PARALLEL')?.members.has(t.sim.botUserId))
        .then(() => t.driver.memberJoinedChannel('C0PARALLEL', t.sim.botUserId)),
    ]);
    // One delivery of the event id is processed; a copy that arrives while it runs is refused
    // with a 5xx so Slack delivers it again later (and it is then acknowledged and skipped).
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    expect((await t.driver.channelCreated('C0PARALLEL', { ...created, retryNum: 3 })).status).toBe(
      200,
    );
    await waitForAlert('C0PARALLEL');
    await settle();
    expect(alertsAbout('C0PARALLEL')).toHaveLength(1);
  });

  it('announces an invitation by a person, once', async () => {
    t.sim.addChannel({ id: 'C0INITECH', name: 'ext-initech', creator: ANN, members: [ANN] });
    const invited = { inviter: ANN, event: { eventId: 'Ev0INVITE' } };
    await t.driver.memberJoinedChannel('C0INITECH', t.sim.botUserId, invited);
    const alert = await waitForAlert('C0INITECH');
    expect(JSON.stringify(alert.blocks)).toContain(`Added by <@${ANN}>`);
    await t.driver.memberJoinedChannel('C0INITECH', t.sim.botUserId, {
      ...invited,
      event: { eventId: 'Ev0INVITE', retryNum: 1 },
    });
    await settle();
    expect(alertsAbout('C0INITECH')).toHaveLength(1);
    const doc = await t.db.collection('channels').findOne({ channelId: 'C0INITECH' });
    expect(doc).toMatchObject({ name: 'ext-initech', kind: 'customer', botIsMember: true });
  });

  it('announces only the listed channels in by-channel-ids mode', async () => {
    await notify({ howAreChannelsDefined: 'by-channel-ids', channelIds: ['C0LISTED'] });
    t.sim.addChannel({ id: 'C0UNLISTED', name: 'ext-unlisted', creator: ANN, members: [ANN] });
    t.sim.addChannel({ id: 'C0LISTED', name: 'partner-hooli', creator: ANN, members: [ANN] });
    await t.driver.memberJoinedChannel('C0UNLISTED', t.sim.botUserId, { inviter: ANN });
    await t.driver.memberJoinedChannel('C0LISTED', t.sim.botUserId, { inviter: ANN });
    await waitForAlert('C0LISTED'); // the later event has been handled
    expect(alertsAbout('C0UNLISTED')).toHaveLength(0);
    const unlisted = await t.db.collection('channels').findOne({ channelId: 'C0UNLISTED' });
    expect(unlisted).toMatchObject({ botIsMember: true });
  });

  it('stays quiet when notifications are off, but still records the channel', async () => {
    await notify({ isEnabled: false });
    t.sim.addChannel({ id: 'C0QUIET', name: 'ext-quiet', creator: ANN, members: [ANN] });
    await t.driver.memberJoinedChannel('C0QUIET', t.sim.botUserId, { inviter: ANN });
    const doc = await t.db.collection('channels').findOne({ channelId: 'C0QUIET' });
    expect(doc).toMatchObject({ botIsMember: true });
    await settle();
    expect(alertsAbout('C0QUIET')).toHaveLength(0);
  });

  it('posts the alert after a rate-limited first attempt, once', async () => {
    t.sim.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    newChannel('C0LIMITED', 'ext-limited');
    await t.driver.channelCreated('C0LIMITED');
    await waitForAlert('C0LIMITED');
    expect(t.sim.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
    expect(alertsAbout('C0LIMITED')).toHaveLength(1);
  });
});
