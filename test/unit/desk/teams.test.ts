import { AgentUpdate, pickAssignee, type Candidate } from '../../../src/desk/teams.js';

const member = (userId: string, availability: Candidate['availability'] = 'online', open = 0) => ({
  userId,
  availability,
  open,
});
const A = member('UA');
const B = member('UB');
const C = member('UC');

describe('pickAssignee', () => {
  it.each<[string, Parameters<typeof pickAssignee>[0], string | null]>([
    // online sorted by id: UA, UB, UC; ticket 0 → UA, 4 → 4 mod 3 = 1 → UB
    ['round robin, first ticket', { mode: 'round_robin', ticket: 0, members: [C, B, A] }, 'UA'],
    ['round robin wraps', { mode: 'round_robin', ticket: 4, members: [A, B, C] }, 'UB'],
    // UB offline: online UA, UC; ticket 1 → UC
    [
      'round robin skips offline',
      { mode: 'round_robin', ticket: 1, members: [A, member('UB', 'offline'), C] },
      'UC',
    ],
    [
      'round robin skips busy',
      { mode: 'round_robin', ticket: 0, members: [member('UA', 'busy'), B] },
      'UB',
    ],
    [
      'nobody online',
      { mode: 'round_robin', ticket: 0, members: [member('UA', 'offline'), member('UB', 'busy')] },
      null,
    ],
    ['no members', { mode: 'load_balanced', ticket: 3, members: [] }, null],
    // loads 2, 0, 1 → UB has the fewest
    [
      'load balanced takes the least loaded',
      {
        mode: 'load_balanced',
        ticket: 0,
        members: [member('UA', 'online', 2), member('UB'), member('UC', 'online', 1)],
      },
      'UB',
    ],
    // UA and UC tie at 1; ticket 1 → second of [UA, UC]
    [
      'load balanced spreads ties by ticket',
      {
        mode: 'load_balanced',
        ticket: 1,
        members: [member('UA', 'online', 1), member('UB', 'online', 3), member('UC', 'online', 1)],
      },
      'UC',
    ],
    // UA at capacity 2: only UB may take it, though UA has fewer than the offline one
    [
      'capacity leaves out the full',
      {
        mode: 'load_balanced',
        ticket: 0,
        capacity: 2,
        members: [member('UA', 'online', 2), member('UB', 'online', 2), member('UC', 'offline')],
      },
      null,
    ],
    [
      'round robin respects capacity too',
      { mode: 'round_robin', ticket: 0, capacity: 1, members: [member('UA', 'online', 1), B] },
      'UB',
    ],
    [
      'a negative ticket still lands on a slot',
      { mode: 'round_robin', ticket: -1, members: [A, B] },
      'UB',
    ],
  ])('%s', (_name, input, expected) => {
    expect(pickAssignee(input)).toBe(expected);
  });

  it('gives each of k online members ⌊N/k⌋ or ⌈N/k⌉ of N consecutive tickets', () => {
    const members = [A, B, member('UX', 'offline'), C];
    const counts = new Map<string, number>();
    for (let ticket = 0; ticket < 10; ticket += 1) {
      const who = pickAssignee({ mode: 'round_robin', ticket, members }) as string;
      counts.set(who, (counts.get(who) ?? 0) + 1);
    }
    // 10 over 3: 4, 3, 3
    expect(Object.fromEntries(counts)).toEqual({ UA: 4, UB: 3, UC: 3 });
  });
});

describe('AgentUpdate', () => {
  it('takes seed 003’s available as online', () => {
    expect(AgentUpdate.parse({ availability: 'available' })).toEqual({ availability: 'online' });
  });
  it.each([[{}], [{ availability: 'away' }], [{ role: 'owner' }], [{ role: 'agent', extra: 1 }]])(
    'refuses %j',
    (body) => {
      expect(AgentUpdate.safeParse(body).success).toBe(false);
    },
  );
});
