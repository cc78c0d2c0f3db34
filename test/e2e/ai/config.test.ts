import { afterAll, describe, expect, it } from '@jest/globals';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { ADMIN, seedWorkspace, triage } from '../commands/support.js';

const NOTE = 'does nothing: no AI provider configured: set AI_BASE_URL';

async function botWith(env: Record<string, string>): Promise<TestBot> {
  const t = await startTestBot({ env });
  seedWorkspace(t);
  await triage(t, ADMIN, 'C0ACME', 'setup customer <#C0TRIAGE|support-triage>');
  return t;
}

describe('/triage config says why AI settings do nothing without a provider', () => {
  const bots: TestBot[] = [];
  afterAll(() => Promise.all(bots.map((t) => t.stop())));

  it('marks each AI setting, listed or just set, when AI_BASE_URL is unset', async () => {
    const t = await botWith({});
    bots.push(t);
    const set = await triage(
      t,
      ADMIN,
      'C0ACME',
      'config set requests.config.ai_smart_grouping true',
    );
    expect(set.text).toContain('`requests.config.ai_smart_grouping` = `true`');
    expect(set.text).toContain(NOTE);
    const shown = await triage(t, ADMIN, 'C0ACME', 'config requests.config.ai_smart_grouping');
    expect(shown.text).toContain(NOTE);
    const other = await triage(t, ADMIN, 'C0ACME', 'config requests.config.reopen_closed_requests');
    expect(other.text).not.toContain(NOTE);
  });

  it('does not when a provider is configured', async () => {
    const t = await botWith({ AI_BASE_URL: 'http://127.0.0.1:9/v1', AI_MODEL: 'any' });
    bots.push(t);
    const shown = await triage(t, ADMIN, 'C0ACME', 'config requests.config.ai_smart_grouping');
    expect(shown.text).toContain('`requests.config.ai_smart_grouping`');
    expect(shown.text).not.toContain(NOTE);
  });
});
