import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { AGENT, TRIAGE, customerWorld } from './world.js';

/** An internal `ext-` channel: everyone is of the workspace, so only triage membership makes an agent. */
const GLOBEX = 'C0EXTGLOBEX';
const GUEST = 'U0GUEST';

const requests = (t: TestBot) =>
  t.db.collection('requests').find({ channelId: GLOBEX }).sort({ createdAt: 1 }).toArray();
const memberReads = (t: TestBot) => t.sim.calls('conversations.members');

/**
 * Who is an agent in a channel outside Slack Connect comes from the triage channel's members,
 * read from Slack at most every five minutes. A failed read says nothing about the members: it
 * must not make the agents customers for five minutes.
 */
describe('the triage channel’s members when Slack fails to list them', () => {
  let t: TestBot;
  const clock = new VirtualClock('2026-03-02T10:00:00Z');
  beforeAll(async () => {
    t = await customerWorld(undefined, { clock });
    t.sim.addUser({ id: GUEST, name: 'gus' });
    t.sim.addChannel({ id: GLOBEX, name: 'ext-globex', members: [t.sim.botUserId, GUEST, AGENT] });
    const account = await t.api('POST', '/api/v1/accounts', { name: 'Globex', channels: [GLOBEX] });
    expect(account.status).toBe(201);
    const linked = await t.api('PUT', `/api/v1/channels/${GLOBEX}`, { triage_channel_id: TRIAGE });
    expect(linked.status).toBe(200);
    t.sim.clearCalls();
  });
  afterAll(() => t.stop());

  it('does not cache a rate-limited read as "no agents": the next message reads again', async () => {
    t.sim.fail('conversations.members', { error: 'ratelimited' });
    const { message } = await t.driver.customerSays(GLOBEX, GUEST, 'Our invoices are wrong');
    expect(memberReads(t).map((c) => c.error)).toEqual(['ratelimited']);

    await t.driver.agentSays(GLOBEX, AGENT, 'Looking at the invoices now');
    expect(memberReads(t)).toHaveLength(2);
    const [request, ...others] = await requests(t);
    expect([request?.rootTs, others.length]).toEqual([message.ts, 0]);
    expect(request?.firstResponseAt).toBeInstanceOf(Date);
  });

  it('keeps the last list read while Slack keeps failing after it expired', async () => {
    clock.advanceMinutes(6);
    t.sim.fail('conversations.members', { error: 'internal_error' });
    await t.driver.agentSays(GLOBEX, AGENT, 'Still on it');
    expect(memberReads(t).at(-1)?.error).toBe('internal_error');
    expect(await requests(t)).toHaveLength(1);

    // The failure refreshed nothing: the next message asks Slack again.
    await t.driver.agentSays(GLOBEX, AGENT, 'Fixed, please check');
    expect(memberReads(t)).toHaveLength(4);
    expect(memberReads(t).at(-1)?.error).toBeUndefined();
    expect(await requests(t)).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel'])(
    'caches %s as a real answer: nobody is an agent by that channel for five minutes',
    async (slackError) => {
      clock.advanceMinutes(6);
      t.sim.fail('conversations.members', { error: slackError });
      const reads = memberReads(t).length;
      const { message } = await t.driver.agentSays(GLOBEX, AGENT, `Asking as ${slackError}`);
      expect(memberReads(t).at(-1)?.error).toBe(slackError);
      expect((await requests(t)).at(-1)?.rootTs).toBe(message.ts);

      clock.advanceMinutes(4);
      await t.driver.agentSays(GLOBEX, AGENT, 'And one more thing');
      expect(memberReads(t)).toHaveLength(reads + 1);
    },
  );
});
