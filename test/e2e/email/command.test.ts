import type { TestBot } from '../../support/bot.js';
import { shownText } from '../commands/support.js';
import { AGENT, CHANNEL } from '../requests/world.js';
import { SUPPORT, emailWorld } from './world.js';

describe('/triage email', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await emailWorld();
  });
  afterAll(() => t.stop());

  async function run(channel: string) {
    const before = t.sim.ephemerals(channel, AGENT).length;
    await t.driver.command({ text: 'email', user_id: AGENT, channel_id: channel });
    return shownText(await t.sim.waitFor(() => t.sim.ephemerals(channel, AGENT)[before]));
  }

  it('lists the addresses mapped to the channel with their domains', async () => {
    const text = await run(CHANNEL);
    expect(text).toContain(`Mail to these addresses becomes requests in <#${CHANNEL}>`);
    expect(text).toContain(`• \`${SUPPORT}\` (Acme support) · domain acme.test: unverified`);
    expect(text).toContain(
      '• `help@secure.test` (Secure help) · domain secure.test: unverified, TLS required',
    );
    expect(text).toContain('• `old@acme.test` (Old address) · :no_entry: blocks mail');
  });

  it('says how to map one once the channel has none', async () => {
    const reset = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      reset: ['emailToSlack.mappings'],
    });
    expect(reset.status).toBe(200);
    expect(await run(CHANNEL)).toContain(`No e-mail address is mapped to <#${CHANNEL}>`);
  });
});
