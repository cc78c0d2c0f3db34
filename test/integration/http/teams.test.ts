import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';

const TEAMS = '/api/v1/teams';

describe('teams and agents API (seed 003)', () => {
  let t: TestBot;
  let agentToken: string;
  beforeAll(async () => {
    t = await startTestBot();
    t.sim.addUser({ id: 'U0ANN', name: 'ann', profile: { email: 'ann@example.com' } });
    t.sim.addUser({ id: 'U0BOB', name: 'bob' });
    t.sim.addUser({ id: 'U0GUEST', name: 'guest', is_restricted: true });
    t.sim.addUser({ id: 'U0ACME', name: 'customer', team_id: 'T0ACME' });
    agentToken = await createApiToken(t.bot.deps.models, t.teamId, 'U0ANN', { role: 'agent' });
  });
  afterAll(() => t.stop());

  const agents = () => t.db.collection('agents').find({}).sort({ userId: 1 }).toArray();
  const teams = () => t.db.collection('teams').find({}).sort({ name: 1 }).toArray();

  it('makes agents, a team, and changes its members; each read back from the database', async () => {
    const ann = await t.api('PATCH', '/api/v1/agents/U0ANN', { role: 'agent' });
    expect([ann.status, ann.body]).toEqual([
      200,
      {
        id: 'U0ANN',
        name: 'ann',
        email: 'ann@example.com',
        role: 'agent',
        availability_status: 'online',
        account_id: 'T0SIM',
      },
    ]);
    const bob = await t.api('PUT', '/api/v1/agents/U0BOB', {
      availability: 'available',
      role: 'administrator',
    });
    expect(bob.body).toMatchObject({ role: 'administrator', availability_status: 'online' });
    const busy = await t.api('PATCH', '/api/v1/agents/U0BOB', { availability_status: 'busy' });
    expect(busy.body).toMatchObject({ role: 'administrator', availability_status: 'busy' });
    expect((await agents()).map((a) => [a.userId, a.role, a.availability])).toEqual([
      ['U0ANN', 'agent', 'online'],
      ['U0BOB', 'administrator', 'busy'],
    ]);
    const listed = await t.api('GET', '/api/v1/agents', undefined, agentToken);
    expect(listed.body.map((a: { id: string }) => a.id)).toEqual(['U0ANN', 'U0BOB']);

    const created = await t.api('POST', TEAMS, { name: 'Billing', description: 'Invoices' });
    expect([created.status, created.body]).toEqual([
      201,
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: 'Billing',
        description: 'Invoices',
        allow_auto_assign: true,
        account_id: 'T0SIM',
        is_member: false,
        member_ids: [],
      },
    ]);
    const id = created.body.id as string;
    const members = `${TEAMS}/${id}/team_members`;
    const added = await t.api('POST', members, { user_ids: ['U0BOB', 'U0ANN'] });
    expect([added.status, added.body.map((a: { id: string }) => a.id)]).toEqual([
      200,
      ['U0ANN', 'U0BOB'],
    ]);
    expect((await teams())[0]?.memberIds).toEqual(['U0BOB', 'U0ANN']);
    const replaced = await t.api('PATCH', members, { user_ids: ['U0ANN'] });
    expect(replaced.body.map((a: { id: string }) => a.id)).toEqual(['U0ANN']);
    const read = await t.api('GET', members, undefined, agentToken);
    expect(read.body).toEqual([expect.objectContaining({ id: 'U0ANN', role: 'agent' })]);
    const seen = await t.api('GET', `${TEAMS}/${id}`, undefined, agentToken);
    expect(seen.body).toMatchObject({ name: 'Billing', is_member: true, member_ids: ['U0ANN'] });
    const removed = await t.api('DELETE', members, { user_ids: ['U0ANN'] });
    expect([removed.status, removed.body]).toEqual([200, []]);
    expect((await teams())[0]?.memberIds).toEqual([]);

    const renamed = await t.api('PATCH', `${TEAMS}/${id}`, {
      name: 'Billing EU',
      allow_auto_assign: false,
    });
    expect(renamed.body).toMatchObject({
      name: 'Billing EU',
      allow_auto_assign: false,
      description: 'Invoices',
    });
    expect((await teams()).map((x) => [x.name, x.allowAutoAssign])).toEqual([
      ['Billing EU', false],
    ]);
    const list = await t.api('GET', TEAMS, undefined, agentToken);
    expect(list.body.map((x: { name: string }) => x.name)).toEqual(['Billing EU']);
    expect((await t.api('DELETE', `${TEAMS}/${id}`)).status).toBe(204);
    expect(await teams()).toEqual([]);
    expect((await t.api('GET', `${TEAMS}/${id}`)).status).toBe(404);
  });

  it.each<[string, string, string, unknown, (string | number)[], string]>([
    ['an empty name', 'POST', TEAMS, { name: ' ' }, ['body', 'name'], 'must not be empty'],
    ['an unknown field', 'POST', TEAMS, { name: 'x', colour: 'red' }, ['body'], 'colour'],
    [
      'an unknown role',
      'PATCH',
      '/api/v1/agents/U0ANN',
      { role: 'owner' },
      ['body', 'role'],
      'administrator',
    ],
    [
      'an unknown availability',
      'PATCH',
      '/api/v1/agents/U0ANN',
      { availability: 'away' },
      ['body', 'availability'],
      'online',
    ],
    ['an empty agent change', 'PATCH', '/api/v1/agents/U0ANN', {}, ['body'], 'give role'],
  ])(
    'refuses %s with a 422 naming it, writing nothing',
    async (_name, method, path, body, loc, msg) => {
      const before = [await agents(), await teams()];
      const res = await t.api(method, path, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ loc, msg: expect.stringContaining(msg) }),
        ]),
      );
      expect([await agents(), await teams()]).toEqual(before);
    },
  );

  it('refuses a duplicate team name and a member who is not an agent (422)', async () => {
    const team = await t.api('POST', TEAMS, { name: 'Sales' });
    const dup = await t.api('POST', TEAMS, { name: 'sales' });
    expect([dup.status, dup.body.detail[0].loc]).toEqual([422, ['body', 'name']]);
    const stranger = await t.api('POST', `${TEAMS}/${team.body.id}/team_members`, {
      user_ids: ['U0ANN', 'U0NOBODY'],
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'user_ids', 1],
        msg: expect.stringContaining('U0NOBODY is not an agent'),
      }),
    ]);
    expect((await teams()).map((x) => [x.name, x.memberIds])).toEqual([['Sales', []]]);
    await t.api('DELETE', `${TEAMS}/${team.body.id}`);
  });

  it('refuses a guest, a customer or an unknown user as an agent (404), writing nothing', async () => {
    const before = await agents();
    for (const id of ['U0GUEST', 'U0ACME', 'U0NOBODY', 'not-a-user']) {
      const res = await t.api('PATCH', `/api/v1/agents/${id}`, { role: 'agent' });
      expect([id, res.status, res.body.error]).toEqual([id, 404, 'not_found']);
    }
    expect(await agents()).toEqual(before);
  });

  it('answers 404 for an unknown or malformed team id', async () => {
    for (const [method, path, body] of [
      ['GET', `${TEAMS}/64b7f0f0f0f0f0f0f0f0f0f0`, undefined],
      ['PATCH', `${TEAMS}/nope`, { name: 'x' }],
      ['DELETE', `${TEAMS}/64b7f0f0f0f0f0f0f0f0f0f0`, undefined],
      ['GET', `${TEAMS}/nope/team_members`, undefined],
      ['POST', `${TEAMS}/64b7f0f0f0f0f0f0f0f0f0f0/team_members`, { user_ids: ['U0ANN'] }],
    ] as const) {
      const res = await t.api(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
  });

  it('lets an agent’s token read but not write teams and agents (403), and nobody without a token (401)', async () => {
    const before = [await agents(), await teams()];
    for (const [method, path, body] of [
      ['POST', TEAMS, { name: 'Mine' }],
      ['PATCH', '/api/v1/agents/U0ANN', { role: 'administrator' }],
      ['POST', `${TEAMS}/64b7f0f0f0f0f0f0f0f0f0f0/team_members`, { user_ids: ['U0ANN'] }],
      ['DELETE', `${TEAMS}/64b7f0f0f0f0f0f0f0f0f0f0`, undefined],
    ] as const) {
      const res = await t.api(method, path, body, agentToken);
      expect([method, path, res.status, res.body.error]).toEqual([method, path, 403, 'forbidden']);
    }
    const id = '64b7f0f0f0f0f0f0f0f0f0f0';
    const everyEndpoint: [string, string, unknown?][] = [
      ['GET', TEAMS],
      ['POST', TEAMS, { name: 'Mine' }],
      ['GET', `${TEAMS}/${id}`],
      ['PATCH', `${TEAMS}/${id}`, { name: 'x' }],
      ['PUT', `${TEAMS}/${id}`, { name: 'x' }],
      ['DELETE', `${TEAMS}/${id}`],
      ['GET', `${TEAMS}/${id}/team_members`],
      ['POST', `${TEAMS}/${id}/team_members`, { user_ids: ['U0ANN'] }],
      ['PATCH', `${TEAMS}/${id}/team_members`, { user_ids: ['U0ANN'] }],
      ['DELETE', `${TEAMS}/${id}/team_members`, { user_ids: ['U0ANN'] }],
      ['GET', '/api/v1/agents'],
      ['PATCH', '/api/v1/agents/U0ANN', { role: 'agent' }],
      ['PUT', '/api/v1/agents/U0ANN', { role: 'agent' }],
    ];
    for (const [method, path, body] of everyEndpoint) {
      for (const token of [null, 'tbt_unknown']) {
        const res = await t.api(method, path, body, token);
        expect([method, path, token, res.status]).toEqual([method, path, token, 401]);
      }
    }
    expect([await agents(), await teams()]).toEqual(before);
  });
});
