import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  TRIAGE,
  click,
  customerWorld,
  newRequest,
  pick,
} from '../requests/world.js';

/** A second customer channel, of its own account, routed to the same triage channel. */
const BETA = 'C0EXTBETA';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
}

/** What `user` sees on the Home tab after opening it: its headers and request lines. */
async function openHome(t: TestBot, user: string) {
  const response = await t.driver.appHomeOpened(user);
  expect(response.status).toBe(200);
  const blocks = (t.sim.homeView(user)?.view.blocks ?? []) as Block[];
  return {
    headers: blocks.filter((b) => b.type === 'header').map((b) => b.text?.text),
    lines: blocks
      .filter((b) => b.block_id?.startsWith('home_request_'))
      .map((b) => b.text?.text.split('\n')[0] ?? ''),
  };
}

const patch = async (t: TestBot, path: string, update: unknown) => {
  const res = await t.api('PATCH', path, { update });
  expect(res.status).toBe(200);
};

describe('the App Home shows severity and tags, and owner filters set at any level', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        support: {
          severity: [
            { name: 'Sev 1', value: 'high' },
            { name: 'Sev 3', value: 'low' },
          ],
          tags: [
            { name: 'Billing', value: 'billing' },
            { name: 'Log-in', value: 'login' },
          ],
        },
      },
    });
    t.sim.addChannel({
      id: BETA,
      name: 'ext-beta',
      is_ext_shared: true,
      members: [t.sim.botUserId, AGENT, AGENT_2],
    });
    const account = await t.api('POST', '/api/v1/accounts', { name: 'Beta', channels: [BETA] });
    expect(account.status).toBe(201);
    const routed = await t.api('PUT', `/api/v1/channels/${BETA}`, { triage_channel_id: TRIAGE });
    expect(routed.status).toBe(200);
  });
  afterAll(() => t.stop());

  it('names the severity and tags an agent picked on the card, as the channel names them', async () => {
    const asked = await newRequest(t, 'U0ERIN', 'Card payments fail at checkout');
    await pick(t, asked.ts, ACTIONS.severity, 'high');
    await pick(t, asked.ts, ACTIONS.tags, ['billing', 'login']);
    await click(t, asked.ts, ACTIONS.assignToMe, AGENT);

    const home = await openHome(t, AGENT);
    expect(home.headers).toEqual(['Requests', 'Assigned to you (1)', 'Unassigned (0)']);
    expect(home.lines[0]).toMatch(/<@U0ERIN> .* · Severity: \*Sev 1\* · Tags: Billing, Log-in$/);
  });

  it('lists other agents’ requests only from channels whose settings turn owner filters on', async () => {
    // Bob holds one request in each channel; the workspace leaves owner filters off.
    const acme = await newRequest(t, 'U0FRANK', 'Exports time out');
    await click(t, acme.ts, ACTIONS.assignToMe, AGENT_2);
    // Beta's customers are not in the simulated org; Bob's Beta request is stored as intake would.
    const template = await t.db.collection('requests').findOne({ channelId: CHANNEL });
    await t.db.collection('requests').insertOne({
      ...template,
      _id: undefined,
      channelId: BETA,
      rootTs: '1700000001.000100',
      requesterId: 'U0BETACUST',
      assigneeId: AGENT_2,
      status: 'open',
      severity: null,
      tags: [],
    });

    expect((await openHome(t, AGENT)).headers).toEqual([
      'Requests',
      'Assigned to you (1)',
      'Unassigned (0)',
    ]);

    // Turned on for the Acme channel alone: Alice sees Bob's Acme request, not his Beta one.
    await patch(t, `/api/v1/channels/${CHANNEL}/settings`, {
      requests: { config: { appHomeOwnerFilters: true } },
    });
    let home = await openHome(t, AGENT);
    expect(home.headers).toContain("Other agents' requests (1)");
    expect(home.lines.at(-1)).toContain(`<@U0FRANK> · assigned to <@${AGENT_2}>`);

    // On for the whole workspace: both, until the Acme channel turns it off again.
    await patch(t, '/api/v1/workspace/settings', {
      requests: { config: { appHomeOwnerFilters: true } },
    });
    home = await openHome(t, AGENT);
    expect(home.headers).toContain("Other agents' requests (2)");
    await patch(t, `/api/v1/channels/${CHANNEL}/settings`, {
      requests: { config: { appHomeOwnerFilters: false } },
    });
    home = await openHome(t, AGENT);
    expect(home.headers).toContain("Other agents' requests (1)");
    expect(home.lines.at(-1)).toContain(`<@U0BETACUST> · assigned to <@${AGENT_2}>`);
  });
});
