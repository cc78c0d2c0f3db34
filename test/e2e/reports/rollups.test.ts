import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ACTIONS } from '../../../src/constants.js';
import { checkRollups } from '../../../src/services/reports/rebuild.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { click, newCustomer } from '../requests/world.js';
import { AGENT, CHANNEL, CUSTOMER, SLA_CHANNEL, requestOf, slaWorld } from '../sla/world.js';

const run = promisify(execFile);
/** Monday 2026-03-02, 09:00 in Berlin. */
const MONDAY_9AM_BERLIN = '2026-03-02T08:00:00Z';

/**
 * Requests live a real life through Slack and the API (replies, assignment, close, CSAT, a
 * reopening, an SLA breach on the virtual clock); the rollups kept on the way equal a fresh
 * recomputation, and `reports rebuild` repairs them after they were lost or corrupted.
 */
describe('report rollups', () => {
  const clock = new VirtualClock(MONDAY_9AM_BERLIN);
  let t: TestBot;
  beforeAll(async () => {
    t = await slaWorld(
      {
        requests: {
          config: { send_feedback: true },
          support: { response_sla: { isEnabled: true, sla: 60, sla_channel: SLA_CHANNEL } },
        },
      },
      clock,
    );
  });
  afterAll(() => t.stop());

  const deps = () => t.bot.deps;
  const summary = async () => {
    const res = await t.api('GET', '/api/v1/reports/summary?since=2026-03-02&until=2026-03-02');
    expect(res.status).toBe(200);
    return res.body;
  };

  it("keeps the rollups equal to a recomputation through a request's whole life", async () => {
    // A: answered after 10 min, a customer follow-up, assigned, closed, rated 👍, reopened.
    const a = (await t.driver.customerSays(CHANNEL, CUSTOMER, 'Exports fail')).message;
    await t.advance(10);
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking', { thread_ts: a.ts });
    await t.driver.customerSays(CHANNEL, CUSTOMER, 'Thanks', { thread_ts: a.ts });
    await click(t, a.ts, ACTIONS.assignToMe);
    await t.advance(20);
    await click(t, a.ts, ACTIONS.close);
    const prompt = t.sim
      .thread(CHANNEL, a.ts)
      .find((m) => JSON.stringify(m.blocks ?? []).includes(`"${ACTIONS.feedbackRating}:`));
    if (!prompt) throw new Error('no feedback prompt');
    await t.driver.action({
      user: CUSTOMER,
      action_id: `${ACTIONS.feedbackRating}:up`,
      channel: CHANNEL,
      message_ts: prompt.ts,
    });
    const stored = await requestOf(t, a.ts);
    expect(stored?.feedback?.rating).toBe(5);
    // B: nobody answers within the hour: the response SLA is breached.
    const b = (await t.driver.customerSays(CHANNEL, newCustomer(t, 'U0DAVE'), 'Login is down'))
      .message;
    await t.advance(61);
    expect((await requestOf(t, b.ts))?.sla.responseBreachedAt).toBeInstanceOf(Date);

    expect(await checkRollups(deps(), t.teamId)).toEqual({
      equal: true,
      rows: expect.any(Number),
      differences: [],
    });
    const before = await summary();
    expect(before).toMatchObject({
      conversations_count: 2,
      incoming_messages_count: 3, // two openings and Carol's follow-up
      outgoing_messages_count: 1,
      avg_first_response_time: '10',
      resolutions_count: 1,
      avg_resolution_time: '30',
      time_unit: { first_response: 'minutes', resolution: 'minutes' },
      sla: { response: { met: 1, breached: 1, pending: 0, met_percent: 50 } },
      csat: { responses: 1, average: 5, response_rate: 100, distribution: { '5': 1 } },
    });

    // Reopened through the API: the resolution goes, a reopening comes.
    const reopened = await t.api(
      'POST',
      `/api/v1/conversations/${String(stored?._id)}/toggle_status`,
      {
        status: 'open',
      },
    );
    expect(reopened.status).toBe(200);
    expect(await summary()).toMatchObject({ resolutions_count: 0, reopens_count: 1 });
    expect((await checkRollups(deps(), t.teamId)).differences).toEqual([]);
  });

  it('repairs lost and corrupted rollups with `npm run cli -- reports rebuild`', async () => {
    const expected = await summary();
    const rollups = t.db.collection('report_rollups');
    await rollups.deleteMany({ dimension: 'channel' });
    await rollups.updateOne({ dimension: 'all' }, { $inc: { 'counters.conversations': 7 } });
    const broken = await checkRollups(deps(), t.teamId);
    expect(broken.equal).toBe(false);
    expect(broken.differences).toContain(`2026-03-02|channel|${CHANNEL}`);

    const { stdout } = await run(
      'npm',
      ['run', '--silent', 'cli', '--', 'reports', 'rebuild', '--team', t.teamId],
      { env: { ...process.env, MONGODB_URI: t.database.uri } },
    );
    expect(JSON.parse(stdout)).toEqual({ teams: 1, requests: 2, rows: broken.rows });
    expect(await checkRollups(deps(), t.teamId)).toMatchObject({ equal: true, differences: [] });
    expect(await summary()).toEqual(expected);
  });
});
