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

  beforeAll(async () => {
    t = await startTestBot();
    seedWorkspace(t);
    await triage(t, ADMIN, 'C0ACME', 'setup customer');
  });
  afterAll(() => t.stop());

  it('says which issue makes each waiting setting act, and leaves acting ones plain', async () => {
    const { text, ephemeral } = await triage(t, ADMIN, 'C0ACME', 'config tickets.config');
    const line = (key: string) => text.split('\n').find((l) => l.startsWith(`\`${key}\``)) ?? '';
    expect(line('tickets.config.helpdeskIds')).not.toContain('⏳');
    expect(line('tickets.config.formIds')).not.toContain('⏳');
    expect(line('tickets.config.hide_urgency')).toMatch(
      /\(default\) ⏳ not yet active: issue 14 \(tickets\/CRM connectors\)$/,
    );
    expect(line('tickets.config.escalation_cool_off_period_in_min')).not.toContain('⏳');
    expect(line('tickets.config.allow_ticket_creation_with_ticket_emoji')).not.toContain('⏳');
    expect(text).toContain('⏳ 1 of these does nothing yet (or only in part); docs/settings.md');
    expectWithinSlackLimits(ephemeral.blocks);

    const acting = await triage(t, ADMIN, 'C0ACME', 'config requests.config.conversation_grouping');
    expect(acting.text).toContain('`requests.config.conversation_grouping_window` = `5` (default)');
    expect(acting.text).not.toContain('⏳');
  });

  it('marks them in the default view and in the answer to a write', async () => {
    const set = await triage(t, ADMIN, 'C0ACME', 'config set tickets.config.hide_urgency true');
    expect(set.text).toContain(
      '`tickets.config.hide_urgency` = `true` (set at channel #ext-acme) ⏳ not yet active: issue 14',
    );
    const shown = await triage(t, ADMIN, 'C0ACME', 'config');
    expect(shown.text).toContain('hide_urgency` = `true` (set at channel #ext-acme) ⏳');
  });

  it("stays within Slack's limits for the longest listing", async () => {
    const { text, ephemeral } = await triage(t, ADMIN, 'C0ACME', 'config requests');
    expect(text).toMatch(/9\d settings under `requests`/);
    expectWithinSlackLimits(ephemeral.blocks);
  });
});
