import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  card,
  click,
  customerWorld,
  eventually,
  newRequest,
} from './world.js';

/** The card's status line: "🟡 *Open* · assigned to <@U…> (…) · …". */
async function statusLine(t: TestBot, rootTs: string): Promise<string> {
  const blocks = (await card(t, rootTs)) as { type: string; elements?: { text?: string }[] }[];
  return blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
}

describe('show_user_emails_in_assignee: the card shows the assignee with their e-mail', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { config: { show_user_emails_in_assignee: true } } });
    // Alice's address is in her Slack profile; Bob's is not (hidden by his organisation).
    t.sim.addUser({
      id: AGENT,
      name: 'alice',
      real_name: 'Alice Agent',
      profile: {
        display_name: 'Alice',
        real_name: 'Alice Agent',
        image_72: 'https://img/alice.png',
        email: 'alice_ops@support.example',
      },
    });
  });
  afterAll(() => t.stop());

  it('adds the address read from users.info, and reads it again only after an hour', async () => {
    const asked = await newRequest(t, 'U0ERIN', 'Exports are stuck');
    t.sim.clearCalls();
    await click(t, asked.ts, ACTIONS.assignToMe, AGENT);
    await eventually(async () =>
      (await statusLine(t, asked.ts)).includes(
        `assigned to <@${AGENT}> (alice_ops@support.example)`,
      ),
    );
    const lookups = () =>
      t.sim.calls('users.info').filter((c) => (c.params as { user?: string }).user === AGENT);
    expect(lookups()).toHaveLength(1);
    // Redrawn on the next change, from the address already read.
    await click(t, asked.ts, ACTIONS.inProgress, AGENT);
    await eventually(async () => (await statusLine(t, asked.ts)).includes('In progress'));
    expect(await statusLine(t, asked.ts)).toContain('(alice_ops@support.example)');
    expect(lookups()).toHaveLength(1);
  });

  it('shows the assignee alone when Slack gives no address or cannot be reached', async () => {
    const bobs = await newRequest(t, 'U0FRANK', 'Invoices missing');
    await click(t, bobs.ts, ACTIONS.assignToMe, AGENT_2);
    await eventually(async () => (await statusLine(t, bobs.ts)).includes(`<@${AGENT_2}>`));
    expect(await statusLine(t, bobs.ts)).toMatch(new RegExp(`assigned to <@${AGENT_2}> · `));

    t.sim.addUser({ id: 'U0NEWAGENT', name: 'nina' });
    t.sim.joinChannel('C0TRIAGE', 'U0NEWAGENT');
    const third = await newRequest(t, 'U0GINA', 'Webhooks are late');
    t.sim.fail(
      'users.info',
      { error: 'fatal_error' },
      {
        when: (params) => params.user === 'U0NEWAGENT',
      },
    );
    await click(t, third.ts, ACTIONS.assignToMe, 'U0NEWAGENT');
    await eventually(async () => (await statusLine(t, third.ts)).includes('<@U0NEWAGENT>'));
    expect(await statusLine(t, third.ts)).toMatch(/assigned to <@U0NEWAGENT> · /);
  });

  it('leaves addresses out when the channel turns the setting off', async () => {
    const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { config: { show_user_emails_in_assignee: false } } },
    });
    expect(res.status).toBe(200);
    const asked = await newRequest(t, 'U0HANK', 'SSO loops');
    await click(t, asked.ts, ACTIONS.assignToMe, AGENT);
    await eventually(async () => (await statusLine(t, asked.ts)).includes(`<@${AGENT}>`));
    expect(await statusLine(t, asked.ts)).not.toContain('support.example');
  });
});
