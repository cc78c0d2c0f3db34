import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, seedWorkspace, triage } from '../commands/support.js';

/** Slack's limits for one message: 50 blocks, 3,000 characters per section text. */
function expectWithinSlackLimits(blocks: unknown[] | undefined) {
  expect(blocks?.length).toBeLessThanOrEqual(50);
  for (const block of blocks ?? []) {
    const text = (block as { text?: { text?: string } }).text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
  }
}

describe('/triage config marks settings that do nothing yet', () => {
  let t: TestBot;
  const lineOf = (text: string, key: string) =>
    text.split('\n').find((l) => l.startsWith(`\`${key}\``)) ?? '';

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    await triage(t, ADMIN, 'C0ACME', 'setup customer');
  });
  afterAll(() => t.stop());

  it('says which issue makes each waiting setting act, and leaves acting ones plain', async () => {
    const { text, ephemeral } = await triage(t, ADMIN, 'C0ACME', 'config tickets.config');
    expect(lineOf(text, 'tickets.config.helpdeskIds')).not.toContain('⏳');
    expect(lineOf(text, 'tickets.config.formIds')).toContain('(default)');
    expect(lineOf(text, 'tickets.config.hide_urgency')).toContain('(default)');
    expect(lineOf(text, 'tickets.config.escalation_cool_off_period_in_min')).not.toContain('⏳');
    // Every tickets.config key acts now: none is marked, and no footer counts them.
    expect(text).not.toContain('⏳');
    expectWithinSlackLimits(ephemeral.blocks);

    // Every crm key acts now (crm.type HUBSPOT too).
    const crm = await triage(t, ADMIN, 'C0ACME', 'config crm');
    expect(lineOf(crm.text, 'crm.type')).not.toContain('⏳');
    expect(crm.text).not.toContain('⏳');

    const email = await triage(t, ADMIN, 'C0ACME', 'config emailToSlack');
    expect(lineOf(email.text, 'emailToSlack.domains')).not.toContain('⏳');
    expect(lineOf(email.text, 'emailToSlack.mappings')).toMatch(
      /⏳ acts in part \(addresses, channelId, .*\); the rest: issue 15 \(email\)$/,
    );
    expect(email.text).toContain(
      '⏳ 1 of these does nothing yet (or only in part); docs/settings.md',
    );

    const acting = await triage(t, ADMIN, 'C0ACME', 'config requests.config.conversation_grouping');
    expect(acting.text).toContain('`requests.config.conversation_grouping_window` = `5` (default)');
    expect(acting.text).not.toContain('⏳');
  });

  it('marks them in the default view and in the answer to a write', async () => {
    const set = await triage(t, ADMIN, 'C0ACME', 'config set crm.type "HUBSPOT"');
    expect(set.text).toContain('`crm.type` = `"HUBSPOT"` (set at channel #ext-acme)');
    expect(set.text).not.toContain('⏳');
    const shown = await triage(t, ADMIN, 'C0ACME', 'config');
    expect(shown.text).toContain('`crm.type` = `"HUBSPOT"` (set at channel #ext-acme)');
    expect(shown.text).not.toContain('⏳');
    // An acts-in-part key is marked in the answer to a write and in the default view.
    const waiting = await triage(t, ADMIN, 'C0ACME', 'config set emailToSlack.mappings []');
    expect(waiting.text).toContain(
      '`emailToSlack.mappings` = `[]` (set at channel #ext-acme) ⏳ acts in part (addresses, channelId',
    );
    const marked = await triage(t, ADMIN, 'C0ACME', 'config');
    expect(lineOf(marked.text, 'emailToSlack.mappings')).toContain('⏳ acts in part');
    expect(marked.text).toContain('⏳ 1 of these does nothing yet (or only in part)');
    const acting = await triage(t, ADMIN, 'C0ACME', 'config set tickets.config.hide_urgency true');
    expect(acting.text).toContain(
      '`tickets.config.hide_urgency` = `true` (set at channel #ext-acme)',
    );
    expect(acting.text).not.toContain('⏳');
  });

  it("stays within Slack's limits for the longest listing", async () => {
    const { text, ephemeral } = await triage(t, ADMIN, 'C0ACME', 'config requests');
    expect(text).toMatch(/9\d settings under `requests`/);
    expectWithinSlackLimits(ephemeral.blocks);
  });
});
