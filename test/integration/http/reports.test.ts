import { ACTIONS } from '../../../src/constants.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { snapshot } from '../../security/support.js';
import { AGENT, CHANNEL, CUSTOMER, click, customerWorld } from '../../e2e/requests/world.js';

/** Friday 2026-03-27, 10:00 in Berlin (CET); the workspace's zone is Europe/Berlin. */
const FRIDAY_10AM = '2026-03-27T09:00:00Z';
const RANGE = 'since=2026-03-27&until=2026-03-30';
const local = (iso: string) => Date.parse(iso) / 1000;

/**
 * Three requests around the spring DST change in Berlin: Friday (answered after 30 min, closed
 * after 60), Sunday 23:30 CEST, and Monday 00:30 CEST (assigned): what the reports API shows.
 */
describe('reports API (seed 003)', () => {
  const clock = new VirtualClock(FRIDAY_10AM);
  let t: TestBot;
  let accountId: string;
  let agentToken: string;
  beforeAll(async () => {
    t = await customerWorld(undefined, { clock });
    const zone = {
      requests: {
        support: { response_sla: { workingHoursConfig: { timezone: 'Europe/Berlin' } } },
      },
    };
    const set = await t.api('PATCH', '/api/v1/workspace/settings', { update: zone });
    if (set.status !== 200) throw new Error(set.text);
    accountId = (await t.api('GET', '/api/v1/accounts')).body[0].id;
    await t.api('PATCH', `/api/v1/agents/${AGENT}`, { role: 'agent' });
    agentToken = await createApiToken(t.bot.deps.models, t.teamId, AGENT, { role: 'agent' });

    const friday = (await t.driver.customerSays(CHANNEL, CUSTOMER, 'Exports fail')).message;
    await t.advance(30);
    await t.driver.agentSays(CHANNEL, AGENT, 'On it', { thread_ts: friday.ts });
    await t.advance(30);
    await click(t, friday.ts, ACTIONS.close);
    await t.advance((Date.parse('2026-03-29T21:30:00Z') - clock.now().getTime()) / 60_000);
    await t.driver.customerSays(CHANNEL, CUSTOMER, 'Login is down');
    await t.advance(60); // Monday 00:30 CEST
    const monday = (await t.driver.customerSays(CHANNEL, CUSTOMER, 'Invoices are wrong')).message;
    await click(t, monday.ts, ACTIONS.assignToMe);
  });
  afterAll(() => t.stop());

  const get = async (path: string, token?: string) => {
    const res = await t.api('GET', path, undefined, token);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };
  const requests = () => t.db.collection('requests').find({}).toArray();

  it('gives a metric per workspace-zone day, each bucket starting at local midnight across DST', async () => {
    expect(await get(`/api/v1/reports?metric=conversations_count&${RANGE}`)).toEqual([
      { value: '1', timestamp: local('2026-03-26T23:00:00Z') }, // Fri 00:00 CET
      { value: '0', timestamp: local('2026-03-27T23:00:00Z') },
      { value: '1', timestamp: local('2026-03-28T23:00:00Z') }, // Sun 00:00 CET
      { value: '1', timestamp: local('2026-03-29T22:00:00Z') }, // Mon 00:00 CEST
    ]);
    const week = await get(`/api/v1/reports?metric=conversations_count&group_by=week&${RANGE}`);
    expect(week).toEqual([
      { value: '2', timestamp: local('2026-03-22T23:00:00Z') }, // week of Mon 23 March
      { value: '1', timestamp: local('2026-03-29T22:00:00Z') }, // week of Mon 30 March
    ]);
    const frt = await get(`/api/v1/reports?metric=avg_first_response_time&${RANGE}`, agentToken);
    expect(frt.map((p: { value: string }) => p.value)).toEqual(['30', '0', '0', '0']);
    const headers = (path: string) =>
      fetch(`${t.bot.url}${path}`, { headers: { authorization: `Bearer ${t.token}` } }).then(
        (res) => res.headers,
      );
    // The unit of a time metric's minutes: wall-clock here (the channel has no working hours on).
    const unit = await headers(`/api/v1/reports?metric=avg_resolution_time&${RANGE}`);
    expect(unit.get('x-time-unit')).toBe('minutes');
    const count = await headers(`/api/v1/reports?metric=conversations_count&${RANGE}`);
    expect(count.get('x-time-unit')).toBeNull();
  });

  it('sums a range in the summary, with the range before it as `previous`', async () => {
    const summary = await get(`/api/v1/reports/summary?${RANGE}`);
    expect(summary).toMatchObject({
      conversations_count: 3,
      incoming_messages_count: 3,
      outgoing_messages_count: 1,
      avg_first_response_time: '30',
      avg_resolution_time: '60',
      resolutions_count: 1,
      median_first_response_time: 60, // 30 min lies in the 30–60 min bucket: its upper bound
      time_unit: { first_response: 'minutes', resolution: 'minutes' },
      first_response_histogram: expect.objectContaining({ '15-30m': 0, '30-60m': 1 }),
      previous: { conversations_count: 0, avg_first_response_time: '0', resolutions_count: 0 },
    });
  });

  it('filters by channel (inbox), account, agent, team and label, as stored', async () => {
    const stored = await requests();
    const byAgent = stored.filter((r) => r.assigneeId === AGENT).length;
    const count = async (query: string) =>
      (await get(`/api/v1/reports/summary?${RANGE}&${query}`)).conversations_count;
    expect(await count(`type=inbox&id=${CHANNEL}`)).toBe(3);
    expect(await count(`type=channel&id=${CHANNEL}`)).toBe(3);
    expect(await count(`type=account&id=${accountId}`)).toBe(3);
    expect(await count(`type=agent&id=${AGENT}`)).toBe(byAgent);
    expect(byAgent).toBeGreaterThanOrEqual(1);
    expect(await count('type=label&id=nobody-uses-this')).toBe(0);
    const team = await t.api('POST', '/api/v1/teams', { name: 'Billing' });
    await t.api('POST', `/api/v1/teams/${team.body.id}/team_members`, { user_ids: [AGENT] });
    expect(await count(`type=team&id=${team.body.id}`)).toBe(byAgent);
  });

  it('counts the live backlog of the workspace and of each agent', async () => {
    const live = (await requests()).filter((r) =>
      ['open', 'in_progress', 'on_hold'].includes(r.status),
    );
    expect(await get('/api/v1/reports/conversations?type=account')).toEqual({
      open: live.length,
      unassigned: live.filter((r) => r.assigneeId === null).length,
      unattended: live.filter((r) => r.firstResponseAt === null).length,
    });
    expect(live).toHaveLength(2);
    const agents = await get(
      `/api/v1/reports/conversations?type=agent&user_id=${AGENT}`,
      agentToken,
    );
    expect(agents).toEqual([
      expect.objectContaining({
        id: AGENT,
        metric: {
          open: live.filter((r) => r.assigneeId === AGENT).length,
          unattended: live.filter((r) => r.assigneeId === AGENT && !r.firstResponseAt).length,
        },
      }),
    ]);
  });

  it('exports the same numbers as CSV, a header and one row per metric and bucket', async () => {
    const res = await t.api(
      'GET',
      `/api/v1/reports/export.csv?metric=conversations_count,resolutions_count&group_by=week&${RANGE}`,
    );
    expect([res.status, res.text.split('\n')]).toEqual([
      200,
      [
        'metric,timestamp,bucket_start,value',
        `conversations_count,${local('2026-03-22T23:00:00Z')},2026-03-22T23:00:00.000Z,2`,
        `conversations_count,${local('2026-03-29T22:00:00Z')},2026-03-29T22:00:00.000Z,1`,
        `resolutions_count,${local('2026-03-22T23:00:00Z')},2026-03-22T23:00:00.000Z,1`,
        `resolutions_count,${local('2026-03-29T22:00:00Z')},2026-03-29T22:00:00.000Z,0`,
        '',
      ],
    ]);
  });

  it('answers 401 without a valid token', async () => {
    for (const token of [null, 'tbt_not-a-token']) {
      const res = await t.api('GET', `/api/v1/reports/summary?${RANGE}`, undefined, token);
      expect(res.status).toBe(401);
    }
  });

  it.each([
    ['an unknown metric', `metric=happiness&${RANGE}`, 'metric'],
    ['a date that is none', 'metric=conversations_count&since=yesterday&until=2026-03-30', 'since'],
    [
      '`since` after `until`',
      'metric=conversations_count&since=2026-03-30&until=2026-03-27',
      'since',
    ],
    [
      'a range over 400 days',
      'metric=conversations_count&since=2025-01-01&until=2026-03-30',
      'until',
    ],
    ['an unknown type', `metric=conversations_count&type=planet&${RANGE}`, 'type'],
    ['an agent report without an id', `metric=conversations_count&type=agent&${RANGE}`, 'id'],
    ['no metric', RANGE, 'metric'],
  ])('answers 422 naming the parameter for %s, writing nothing', async (_what, query, param) => {
    const before = await snapshot(t, ['requests', 'report_rollups']);
    const res = await t.api('GET', `/api/v1/reports?${query}`);
    expect([res.status, res.body.detail[0].loc]).toEqual([422, ['query', param]]);
    expect(await snapshot(t, ['requests', 'report_rollups'])).toEqual(before);
  });

  it.each([
    ['channel', 'C0NOTHERE'],
    ['account', '0123456789abcdef01234567'],
    ['team', '0123456789abcdef01234567'],
    ['agent', 'U0NOBODY'],
  ])('answers 404 for an unknown %s, writing nothing', async (type, id) => {
    const before = await snapshot(t, ['requests', 'report_rollups']);
    const res = await t.api('GET', `/api/v1/reports/summary?type=${type}&id=${id}&${RANGE}`);
    expect([res.status, res.body.error]).toEqual([404, 'not_found']);
    expect(res.text).not.toContain(id);
    expect(await snapshot(t, ['requests', 'report_rollups'])).toEqual(before);
    const agents = await t.api('GET', '/api/v1/reports/conversations?type=agent&user_id=U0NOBODY');
    expect(agents.status).toBe(404);
  });
});
