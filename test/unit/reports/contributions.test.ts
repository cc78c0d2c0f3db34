import {
  addInto,
  contributionOf,
  deltaBetween,
  durationBucket,
  requestFacts,
  rowKey,
  type Contribution,
} from '../../../src/reports/index.js';
import { aRequest, at, wallUtc } from './fixtures.js';

const facts = (overrides: Parameters<typeof aRequest>[0] = {}) =>
  requestFacts(aRequest(overrides), wallUtc);
const key = (day: string, dimension: Parameters<typeof rowKey>[0]['dimension'], value = 'all') =>
  rowKey({ day, dimension, value });

describe('contributionOf', () => {
  it('puts counters on the day each thing happened, under every dimension of the request', () => {
    const rows = contributionOf(
      facts({
        assigneeId: 'U9',
        tags: ['billing'],
        status: 'closed',
        firstResponseAt: at('2026-03-02T09:10:00Z'), // 10 min
        closedAt: at('2026-03-03T09:00:00Z'), // 1440 min
        feedback: { rating: 5, at: at('2026-03-04T09:00:00Z') },
      }),
    );
    expect(rows.get(key('2026-03-02', 'all'))).toEqual({
      conversations: 1,
      incoming: 1,
      frtCount: 1,
      frtSum: 10,
      frtH1: 1, // 5–15 min
    });
    expect(rows.get(key('2026-03-03', 'agent', 'U9'))).toEqual({
      resolutions: 1,
      resSum: 1440,
      resH8: 1, // 1–3 days (24 h is past the 8–24 h bucket's bound)
    });
    expect(rows.get(key('2026-03-04', 'label', 'billing'))).toEqual({
      csatCount: 1,
      csatSum: 5,
      csatR5: 1,
    });
    expect(rows.get(key('2026-03-02', 'channel', 'C1'))?.conversations).toBe(1);
    expect(rows.size).toBe(3 * 4); // 3 days × (all, channel, agent, label)
    expect(contributionOf(null).size).toBe(0);
  });

  it('keeps a CSAT distribution of ratings 1–5', () => {
    const total: Contribution = new Map();
    for (const rating of [1, 4, 4, 5, 5, 5])
      addInto(
        total,
        contributionOf(facts({ feedback: { rating, at: at('2026-03-02T12:00:00Z') } })),
      );
    expect(total.get(key('2026-03-02', 'all'))).toMatchObject({
      csatCount: 6,
      csatSum: 24,
      csatR1: 1,
      csatR4: 2,
      csatR5: 3,
    });
  });
});

describe('durationBucket', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [59, 3],
    [60, 4],
    [479, 6],
    [1439, 7],
    [4319, 8],
    [4320, 9],
    [100_000, 9],
  ])('%i min is in bucket %i', (minutes, bucket) => {
    expect(durationBucket(minutes)).toBe(bucket);
  });
});

describe('deltaBetween', () => {
  it('is one $inc of outgoing per row when a reply only adds a message', () => {
    const before = facts({ assigneeId: 'U9', messageCounts: { incoming: 0, outgoing: 1 } });
    const after = facts({ assigneeId: 'U9', messageCounts: { incoming: 0, outgoing: 2 } });
    expect([...deltaBetween(before, after)]).toEqual([
      [key('2026-03-02', 'all'), { outgoing: 1 }],
      [key('2026-03-02', 'channel', 'C1'), { outgoing: 1 }],
      [key('2026-03-02', 'agent', 'U9'), { outgoing: 1 }],
    ]);
    expect(deltaBetween(after, after).size).toBe(0);
  });

  it('moves a request from one agent to another', () => {
    const delta = deltaBetween(facts({ assigneeId: 'U1' }), facts({ assigneeId: 'U2' }));
    expect(delta.get(key('2026-03-02', 'agent', 'U1'))).toEqual({
      conversations: -1,
      incoming: -1,
    });
    expect(delta.get(key('2026-03-02', 'agent', 'U2'))).toEqual({ conversations: 1, incoming: 1 });
    expect(delta.has(key('2026-03-02', 'all'))).toBe(false);
  });

  it("sums, over a request's writes, to its contribution (what makes rollups equal a recompute)", () => {
    const states = [
      null,
      facts(),
      facts({
        assigneeId: 'U1',
        sla: {
          responseDueAt: at('2026-03-02T10:00:00Z'),
          responseBreachedAt: null,
          closureDueAt: null,
          closureBreachedAt: null,
        },
      }),
      facts({
        assigneeId: 'U1',
        firstResponseAt: at('2026-03-02T09:30:00Z'),
        messageCounts: { incoming: 0, outgoing: 1 },
      }),
      facts({
        assigneeId: 'U2',
        status: 'closed',
        closedAt: at('2026-03-05T09:00:00Z'),
        tags: ['x'],
      }),
      facts({
        assigneeId: 'U2',
        tags: ['x'],
        history: [
          { at: at('2026-03-06T09:00:00Z'), type: 'status', from: 'closed', to: 'open', by: 'C' },
        ],
      }),
    ];
    const rollups: Contribution = new Map();
    for (let i = 1; i < states.length; i++)
      addInto(rollups, deltaBetween(states[i - 1]!, states[i]!));
    expect(rollups).toEqual(contributionOf(states.at(-1)!));
  });
});
