import { startTestBot, type TestBot } from '../../support/bot.js';
import { syncInternalChannels } from '../../../src/services/crm/internal-channels.js';
import { AGENT, timerWorld } from '../timers/world.js';

const LISTED = 'U0LISTED';

/** PATCHes the workspace's `crm.internal_channels`, as an admin would. */
async function internalChannels(t: TestBot, settings: Record<string, unknown>) {
  const res = await t.api('PATCH', '/api/v1/workspace/settings', {
    update: { crm: { internal_channels: settings } },
  });
  expect(res.status).toBe(200);
}

/** The account as the API reads it back. */
async function accountNamed(t: TestBot, name: string) {
  const res = await t.api('GET', '/api/v1/accounts');
  expect(res.status).toBe(200);
  return (res.body as { name: string; internal_channel_id: string | null }[]).find(
    (account) => account.name === name,
  );
}

const created = (t: TestBot) =>
  t.sim
    .calls('conversations.create')
    .filter((call) => call.ok)
    .map((call) => call.params.name);

describe('an internal channel per customer account (crm.internal_channels)', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld());
    t.sim.addUser({ id: LISTED, name: 'lisa' });
    await t.db
      .collection('workspaces')
      .updateOne({ _id: t.teamId as never }, { $set: { internalUserIds: [LISTED] } });
  });
  afterAll(() => t.stop());

  it('makes nothing while auto_sync is off', async () => {
    await t.runDue();
    expect(created(t)).toEqual([]);
    expect(await accountNamed(t, 'Acme')).toMatchObject({ internal_channel_id: null });
  });

  it('gives existing accounts a private channel when auto_sync turns on, with the triage team invited', async () => {
    await internalChannels(t, { auto_sync: true });
    await t.runDue();

    const acme = await accountNamed(t, 'Acme');
    const channel = t.sim.channel(acme?.internal_channel_id ?? 'none');
    expect(channel).toMatchObject({ name: 'int-acme', is_private: true });
    // The triage channel's agent and the workspace's listed support people, and the bot.
    expect([...(channel?.members ?? [])].sort()).toEqual([AGENT, LISTED, t.sim.botUserId].sort());
    const stored = await t.db.collection('accounts').findOne({ name: 'Acme' });
    expect(stored?.internalChannelId).toBe(channel?.id);
    expect(created(t)).toEqual(['int-acme']);
  });

  it('gives a new account its channel, named by the pattern from its name', async () => {
    await internalChannels(t, { pattern: 'cust-{customer}-internal' });
    await t.runDue();
    // Acme keeps the channel it has: a new pattern does not rename or remake it.
    expect(created(t)).toEqual(['int-acme']);

    const res = await t.api('POST', '/api/v1/accounts', { name: 'Globex Corp.', channels: [] });
    expect(res.status).toBe(201);
    expect(res.body.internal_channel_id).toBeNull();
    await t.runDue();

    const globex = await accountNamed(t, 'Globex Corp.');
    expect(t.sim.channel(globex?.internal_channel_id ?? 'none')).toMatchObject({
      name: 'cust-globex-corp-internal',
      is_private: true,
    });
    const read = await t.api('GET', `/api/v1/accounts/${res.body.id}`);
    expect(read.body.internal_channel_id).toBe(globex?.internal_channel_id);
  });

  it('links the channel that already has the name (name_taken) instead of failing', async () => {
    const existing = t.sim.addChannel({
      name: 'cust-initech-internal',
      is_private: true,
      members: [t.sim.botUserId, AGENT],
    });
    t.sim.clearCalls();
    const res = await t.api('POST', '/api/v1/accounts', { name: 'Initech', channels: [] });
    await t.runDue();

    expect((await accountNamed(t, 'Initech'))?.internal_channel_id).toBe(existing.id);
    expect(t.sim.calls('conversations.create').map((call) => call.error)).toEqual(['name_taken']);
    // Only who was missing is invited (the agent is in already).
    expect(t.sim.calls('conversations.invite').map((call) => call.params.users)).toEqual([LISTED]);
    expect(res.status).toBe(201);
  });

  it('leaves an account unlinked when the name belongs to a private channel the bot is not in', async () => {
    t.sim.addChannel({ name: 'cust-hooli-internal', is_private: true, members: [AGENT] });
    await t.api('POST', '/api/v1/accounts', { name: 'Hooli', channels: [] });
    await t.runDue();
    expect(await accountNamed(t, 'Hooli')).toMatchObject({ internal_channel_id: null });
  });

  it('runs again (a retry, another write) without making or inviting anything twice', async () => {
    t.sim.clearCalls();
    await internalChannels(t, { auto_sync: true, pattern: 'cust-{customer}-internal' });
    await t.runDue();
    // Hooli is tried again (name_taken, still hidden); the linked accounts are left alone.
    expect(t.sim.calls('conversations.create').map((call) => call.params.name)).toEqual([
      'cust-hooli-internal',
    ]);
    expect(t.sim.calls('conversations.invite')).toEqual([]);
  });
});

describe('internal channels with two instances', () => {
  it('makes one channel when both sweep at once', async () => {
    const { t, clock } = await timerWorld();
    const second = await startTestBot({
      clock,
      sim: t.sim,
      database: t.database,
      teamId: t.teamId,
    });
    try {
      t.sim.addUser({ id: LISTED, name: 'lisa' });
      await t.db
        .collection('workspaces')
        .updateOne({ _id: t.teamId as never }, { $set: { internalUserIds: [LISTED] } });
      await t.api('PATCH', '/api/v1/workspace/settings', {
        update: { crm: { internal_channels: { auto_sync: true } } },
      });
      await Promise.all([
        t.api('POST', '/api/v1/accounts', { name: 'Umbrella', channels: [] }),
        second.api('POST', '/api/v1/accounts', { name: 'Wayne', channels: [] }),
      ]);
      // Both instances sweep at the same moment (as a retried job and a fresh one may), then
      // Agenda runs the one pending sweep job, which finds every account linked.
      await Promise.all([
        syncInternalChannels(t.bot.deps, t.teamId),
        syncInternalChannels(second.bot.deps, t.teamId),
      ]);
      await Promise.all([t.runDue(), second.runDue()]);

      expect(created(t).sort()).toEqual(['int-acme', 'int-umbrella', 'int-wayne']);
      const accounts = await t.db.collection('accounts').find().sort({ name: 1 }).toArray();
      const ids = accounts.map((account) => account.internalChannelId as string);
      expect(ids.map((id) => t.sim.channel(id)?.name)).toEqual([
        'int-acme',
        'int-umbrella',
        'int-wayne',
      ]);
      // Each channel has the listed support person; Acme's also the agent of its triage channel.
      for (const id of ids) expect(t.sim.channel(id)?.members.has(LISTED)).toBe(true);
      expect(t.sim.channel(ids[0] as string)?.members.has(AGENT)).toBe(true);
      // Whoever lost a race was told name_taken and linked the winner's channel.
      expect(t.sim.calls('conversations.create').some((call) => call.error === 'name_taken')).toBe(
        true,
      );
    } finally {
      await second.stop();
      await t.stop();
    }
  });
});
