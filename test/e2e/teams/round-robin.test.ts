import { startTestBot, type TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  cardText,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';

const AGENT_3 = 'U0AGENT3';
const AWAY = 'U0AGENTAWAY';
const N = 10;

/**
 * Two bot instances on one database and one Slack: a customer channel routes new requests to a
 * team round robin, then load balanced under a capacity. Concurrent requests on both instances
 * are spread evenly over the online members; nobody offline gets one; nobody goes over capacity.
 */
describe('routing new requests to a team, on two instances', () => {
  let a: TestBot;
  let b: TestBot;
  let teamId: string;
  beforeAll(async () => {
    a = await customerWorld();
    a.sim.addUser({ id: AGENT_3, name: 'cleo' });
    a.sim.addUser({ id: AWAY, name: 'otto' });
    for (const user of [AGENT, AGENT_2, AGENT_3, AWAY]) {
      const res = await a.api('PATCH', `/api/v1/agents/${user}`, {
        role: 'agent',
        availability: user === AWAY ? 'offline' : 'online',
      });
      if (res.status !== 200) throw new Error(res.text);
    }
    const team = await a.api('POST', '/api/v1/teams', { name: 'Support' });
    teamId = team.body.id;
    await a.api('POST', `/api/v1/teams/${teamId}/team_members`, {
      user_ids: [AGENT, AGENT_2, AGENT_3, AWAY],
    });
    b = await startTestBot({ sim: a.sim, database: a.database });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const requests = () =>
    a.db.collection('requests').find({ channelId: CHANNEL }).sort({ createdAt: 1 }).toArray();
  const channel = () => a.db.collection('channels').findOne({ channelId: CHANNEL });
  const load = async () => {
    const counts: Record<string, number> = {};
    for (const r of await requests()) {
      const who = (r.assigneeId as string | null) ?? 'nobody';
      counts[who] = (counts[who] ?? 0) + 1;
    }
    return counts;
  };

  it('refuses a routing mode without a known team, and team fields without one (422), writing nothing', async () => {
    const before = await channel();
    for (const [body, loc, msg] of [
      [{ assignment_mode: 'round_robin' }, ['body', 'team_id'], 'round_robin needs a team_id'],
      [
        { assignment_mode: 'load_balanced', team_id: '64b7f0f0f0f0f0f0f0f0f0f0' },
        ['body', 'team_id'],
        'unknown team',
      ],
      [
        { assignment_mode: 'manual', capacity: 2 },
        ['body', 'capacity'],
        'goes with assignment_mode',
      ],
      [{ assignment_mode: 'round_robin', team_id: 'x' }, ['body', 'team_id'], 'expected a team id'],
    ] as const) {
      const res = await a.api('PUT', `/api/v1/channels/${CHANNEL}`, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toContainEqual(
        expect.objectContaining({ loc, msg: expect.stringContaining(msg) }),
      );
    }
    expect(await channel()).toEqual(before);
  });

  it('spreads concurrent requests on both instances evenly over the online members', async () => {
    const set = await a.api('PUT', `/api/v1/channels/${CHANNEL}`, {
      assignment_mode: 'round_robin',
      team_id: teamId,
    });
    expect(set.body).toMatchObject({
      assignment_mode: 'round_robin',
      team_id: teamId,
      capacity: null,
    });
    expect((await channel())?.routing).toEqual({
      mode: 'round_robin',
      deskTeamId: teamId,
      capacity: null,
    });

    const sent = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const bot = i % 2 === 0 ? a : b;
        return bot.driver.customerSays(CHANNEL, newCustomer(a, `U0CUST${i}`), `Question ${i}`);
      }),
    );
    await eventually(async () => (await requests()).filter((r) => r.triage?.ts).length === N);
    // 10 requests over 3 online members: 4, 3, 3 in some order; the offline one none.
    const counts = await load();
    expect(Object.keys(counts).sort()).toEqual([AGENT, AGENT_2, AGENT_3].sort());
    expect(Object.values(counts).sort()).toEqual([3, 3, 4]);
    // The card shows whom the request went to.
    const root = sent[0]?.message.ts as string;
    const first = await requestOf(a, root);
    await eventually(async () => (await cardText(a, root)).includes(`<@${first?.assigneeId}>`));
  });

  it('gives load-balanced requests to the least loaded online member, never over capacity', async () => {
    const counts = await load();
    const full = Object.keys(counts).find((user) => counts[user] === 4) as string;
    const set = await a.api('PUT', `/api/v1/channels/${CHANNEL}`, {
      assignment_mode: 'load_balanced',
      team_id: teamId,
      capacity: 4,
    });
    expect(set.body).toMatchObject({ assignment_mode: 'load_balanced', capacity: 4 });
    for (let i = 0; i < 3; i++) {
      const bot = i % 2 === 0 ? b : a;
      await bot.driver.customerSays(CHANNEL, newCustomer(a, `U0LB${i}`), `More ${i}`);
    }
    await eventually(async () => (await requests()).length === N + 3);
    // The two at 3 each take one; then everyone is at 4 and the third waits unassigned.
    const after = await load();
    expect(after).toEqual({ [AGENT]: 4, [AGENT_2]: 4, [AGENT_3]: 4, nobody: 1 });
    expect(counts[full]).toBe(4);
  });

  it('assigns a request to a team through the API, and lists a team’s requests', async () => {
    const waiting = (await requests()).find((r) => !r.assigneeId);
    const path = `/api/v1/conversations/${String(waiting?._id)}/assignments`;
    // Everyone is at the channel's capacity of 4: nobody may take it.
    const full = await a.api('POST', path, { team_id: teamId });
    expect([full.status, full.body.detail?.[0]]).toEqual([
      422,
      expect.objectContaining({ loc: ['body', 'team_id'], msg: expect.stringContaining('nobody') }),
    ]);
    for (const [body, msg] of [
      [{ team_id: '64b7f0f0f0f0f0f0f0f0f0f0' }, 'unknown team'],
      [{ team_id: teamId, assignee_id: AGENT }, 'either assignee_id or team_id'],
      [{}, 'either assignee_id or team_id'],
    ] as const) {
      const res = await a.api('POST', path, body);
      expect([res.status, JSON.stringify(res.body.detail)]).toEqual([
        422,
        expect.stringContaining(msg),
      ]);
    }
    expect((await requestOf(a, waiting?.rootTs))?.assigneeId).toBeNull();

    // Without the capacity, and with one member away, the team's next online member takes it.
    await a.api('PATCH', `/api/v1/agents/${AGENT_3}`, { availability: 'busy' });
    await a.api('PUT', `/api/v1/channels/${CHANNEL}`, {
      assignment_mode: 'round_robin',
      team_id: teamId,
    });
    const taken = await b.api('POST', path, { team_id: teamId });
    expect(taken.status).toBe(200);
    expect([AGENT, AGENT_2]).toContain(taken.body.id);
    expect((await requestOf(a, waiting?.rootTs))?.assigneeId).toBe(taken.body.id);

    const listed = await a.api('GET', `/api/v1/conversations?team_id=${teamId}&status=all`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.meta).toMatchObject({ all_count: N + 3, unassigned_count: 0 });
    await a.api('DELETE', `/api/v1/teams/${teamId}/team_members`, { user_ids: [AGENT_3] });
    const fewer = await a.api('GET', `/api/v1/conversations?team_id=${teamId}&status=all`);
    expect(fewer.body.data.meta.all_count).toBe(N + 3 - 4);
    const bad = await a.api('GET', '/api/v1/conversations?team_id=nope');
    expect([bad.status, bad.body.detail?.[0]?.loc]).toEqual([422, ['query', 'team_id']]);
  });
});
