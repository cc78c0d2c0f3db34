import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, MEMBER, seedWorkspace, stored, triage } from './support.js';

describe('/triage permissions', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    t.sim.addChannel({ id: 'C0NEW', name: 'ext-newco', members: [t.sim.botUserId, MEMBER] });
    await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
    await triage(t, ADMIN, 'C0ACME', 'config lock requests.config.send_feedback');
  });
  afterAll(() => t.stop());

  it.each([
    ['config set requests.config.send_feedback true', 'C0ACME', 'change channel settings'],
    ['config reset requests.config.send_feedback', 'C0ACME', 'reset channel settings'],
    ['config lock requests.config.welcome_message', 'C0ACME', 'lock settings'],
    ['config unlock requests.config.send_feedback', 'C0ACME', 'unlock settings'],
    ['setup customer <#C0TRIAGE|support-triage>', 'C0NEW', 'set up channels'],
    ['setup triage', 'C0NEW', 'set up channels'],
  ])('refuses %j to a member who is not an admin, writing nothing', async (text, channel, what) => {
    const before = await stored(t);
    const reply = await triage(t, MEMBER, channel, text);
    expect(reply.text).toContain(`Only workspace admins can ${what}.`);
    expect(reply.ephemeral.user).toBe(MEMBER);
    expect(await stored(t)).toEqual(before);
    expect(t.sim.calls('users.info').at(-1)?.params.user).toBe(MEMBER);
  });

  it('lets anyone read: help, config and requests', async () => {
    expect((await triage(t, MEMBER, 'C0ACME', 'help')).text).toContain('/triage token');
    expect((await triage(t, MEMBER, 'C0ACME', 'config')).text).toContain(
      '`requests.config.send_feedback` = `false` (default, 🔒 locked at workspace Simulated Inc)',
    );
    expect((await triage(t, MEMBER, 'C0ACME', 'requests')).text).toContain('No open requests');
  });

  it('answers an unexpected failure with an apology, writing nothing', async () => {
    const before = await stored(t);
    t.sim.fail('users.info', { error: 'fatal_error' });
    const reply = await triage(t, ADMIN, 'C0ACME', 'config set requests.config.welcome_message Hi');
    expect(reply.text).toContain('Something went wrong');
    expect(reply.text).not.toMatch(/fatal_error|at .*\.ts:\d+/);
    expect(await stored(t)).toEqual(before);
  });
});
