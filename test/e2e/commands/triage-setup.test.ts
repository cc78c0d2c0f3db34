import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, seedWorkspace, stored, triage } from './support.js';

describe('/triage setup', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
  });
  afterAll(() => t.stop());

  const channelDoc = (channelId: string) => t.db.collection('channels').findOne({ channelId });

  it('registers a customer channel and the triage channel its requests go to', async () => {
    const reply = await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
    expect(reply.text).toBe(
      ':white_check_mark: <#C0ACME> is set up as a *customer* channel. New requests here go to <#C0TRIAGE>.',
    );
    expect(await channelDoc('C0ACME')).toMatchObject({
      teamId: t.teamId,
      name: 'ext-acme',
      kind: 'customer',
      isExtShared: true,
      isPrivate: false,
      botIsMember: true,
      triageChannelId: 'C0TRIAGE',
    });
    expect(await channelDoc('C0TRIAGE')).toMatchObject({ name: 'support-triage', kind: 'triage' });

    const settings = await t.api('GET', '/api/v1/channels/C0ACME');
    expect(settings.body.config.triage_channel_id).toBe('C0TRIAGE');
  });

  it('keeps the triage channel when set up again without one', async () => {
    const reply = await triage(t, ADMIN, 'C0ACME', 'setup customer');
    expect(reply.text).toContain('New requests here go to <#C0TRIAGE>.');
    expect(await channelDoc('C0ACME')).toMatchObject({ triageChannelId: 'C0TRIAGE' });
  });

  it('resolves a plain #name (what Slack sends when it does not escape channels)', async () => {
    t.sim.addChannel({ id: 'C0GLOBEX', name: 'ext-globex', members: [t.sim.botUserId, ADMIN] });
    t.sim.addChannel({ id: 'C0TRIAGE2', name: 'globex-triage', members: [t.sim.botUserId] });
    const reply = await triage(t, ADMIN, 'C0GLOBEX', 'setup customer #globex-triage');
    expect(reply.text).toContain('New requests here go to <#C0TRIAGE2>.');
    expect(await channelDoc('C0GLOBEX')).toMatchObject({ triageChannelId: 'C0TRIAGE2' });
  });

  it('joins a public channel it is not in', async () => {
    t.sim.addChannel({ id: 'C0INITECH', name: 'ext-initech', members: [ADMIN] });
    const reply = await triage(t, ADMIN, 'C0INITECH', 'setup customer');
    expect(reply.text).toContain('No triage channel yet');
    expect(reply.text).toContain('I joined <#C0INITECH>.');
    expect(t.sim.channel('C0INITECH')?.members.has(t.sim.botUserId)).toBe(true);
    expect(await channelDoc('C0INITECH')).toMatchObject({ kind: 'customer', botIsMember: true });
  });

  it('asks to be invited to a private channel it cannot see, writing nothing', async () => {
    t.sim.addChannel({ id: 'G0SECRET', name: 'secret', is_private: true, members: [ADMIN] });
    const before = await stored(t);
    const reply = await triage(t, ADMIN, 'G0SECRET', 'setup customer');
    expect(reply.text).toContain('`/invite @Triage`');
    expect(await stored(t)).toEqual(before);
    expect(t.sim.calls('conversations.join')).toHaveLength(1);
  });

  it('refuses an unknown or identical triage channel, writing nothing', async () => {
    const before = await stored(t);
    let reply = await triage(t, ADMIN, 'C0ACME', 'setup customer #no-such-channel');
    expect(reply.text).toContain("I can't find #no-such-channel");
    reply = await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0ACME|ext-acme>');
    expect(reply.text).toContain('The triage channel must be another channel');
    reply = await triage(t, ADMIN, 'C0ACME', 'setup vendor');
    expect(reply.text).toContain('Unknown channel kind "vendor": say customer or triage.');
    expect(await stored(t)).toEqual(before);
  });

  it('registers a triage channel', async () => {
    t.sim.addChannel({ id: 'C0TEAM', name: 'team-triage', members: [t.sim.botUserId, ADMIN] });
    const reply = await triage(t, ADMIN, 'C0TEAM', 'setup triage');
    expect(reply.text).toContain('<#C0TEAM> is set up as a *triage* channel.');
    expect(reply.text).toContain('`/triage setup customer #team-triage`');
    const doc = await channelDoc('C0TEAM');
    expect(doc).toMatchObject({ kind: 'triage', botIsMember: true });
    // FerretDB drops the null defaults mongoose inserts with an upsert; MongoDB keeps them.
    expect(doc?.triageChannelId ?? null).toBeNull();
  });
});
