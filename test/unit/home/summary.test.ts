import { homeSummary, showsPreview, type StoredHomeRequest } from '../../../src/home/summary.js';

function stored(overrides: Partial<StoredHomeRequest> = {}): StoredHomeRequest {
  return {
    _id: '6740c0ffee0123456789abcd',
    channelId: 'C_PUBLIC',
    rootTs: '1767600000.000100',
    requesterId: 'U1',
    assigneeId: null,
    status: 'open',
    createdAt: new Date('2026-01-05T09:00:00Z'),
    firstResponseAt: null,
    text: 'The export is broken',
    ...overrides,
  };
}

describe('showsPreview', () => {
  it.each<[string, { isPrivate: boolean } | undefined, boolean, boolean]>([
    ['a public channel', { isPrivate: false }, false, true],
    ['a private channel, previews off', { isPrivate: true }, false, false],
    ['a private channel, previews on', { isPrivate: true }, true, true],
    ['a channel the bot has no record of', undefined, true, false],
  ])('%s: %s', (_case, channel, showPrivate, expected) => {
    expect(showsPreview(channel, showPrivate)).toBe(expected);
  });
});

describe('homeSummary', () => {
  const previews = new Map([
    ['C_PUBLIC', true],
    ['C_PRIVATE', false],
  ]);

  it('shows each request, its text only where allowed, missing SLA clocks unset', () => {
    const dueAt = new Date('2026-01-05T10:00:00Z');
    const input = homeSummary(
      {
        assigned: { docs: [stored({ sla: { responseDueAt: dueAt } })], total: 7 },
        unassigned: {
          docs: [stored({ channelId: 'C_PRIVATE' }), stored({ channelId: 'C_UNKNOWN' })],
          total: 2,
        },
      },
      previews,
    );
    expect(input.others).toBeUndefined();
    expect(input.assigned.total).toBe(7);
    expect(input.assigned.requests[0]).toEqual({
      id: '6740c0ffee0123456789abcd',
      channelId: 'C_PUBLIC',
      rootTs: '1767600000.000100',
      requesterId: 'U1',
      assigneeId: null,
      status: 'open',
      createdAt: new Date('2026-01-05T09:00:00Z'),
      firstResponseAt: null,
      preview: 'The export is broken',
      sla: {
        responseDueAt: dueAt,
        responseBreachedAt: null,
        closureDueAt: null,
        closureBreachedAt: null,
        pausedAt: null,
      },
      severity: null,
      tags: [],
    });
    expect(input.unassigned.requests.map((r) => r.preview)).toEqual([null, null]);
  });

  it("lists other agents' requests only when they were loaded", () => {
    const input = homeSummary(
      {
        assigned: { docs: [], total: 0 },
        unassigned: { docs: [], total: 0 },
        others: { docs: [stored({ assigneeId: 'U2' })], total: 1 },
      },
      previews,
    );
    expect(input.others?.requests.map((r) => r.assigneeId)).toEqual(['U2']);
  });

  it('names severity and tags as the request’s channel does, else by their stored value', () => {
    const names = new Map([
      [
        'C_PUBLIC',
        {
          severity: [{ name: 'Sev 1', value: 'high' }],
          tags: [{ name: 'Billing', value: 'billing' }],
        },
      ],
    ]);
    const input = homeSummary(
      {
        assigned: {
          docs: [
            stored({ severity: 'high', tags: ['billing', 'gone'] }),
            stored({ channelId: 'C_OTHER', severity: 'high', tags: ['billing'] }),
          ],
          total: 2,
        },
        unassigned: { docs: [], total: 0 },
      },
      previews,
      names,
    );
    expect(input.assigned.requests.map((r) => [r.severity, r.tags])).toEqual([
      ['Sev 1', ['Billing', 'gone']],
      ['high', ['billing']],
    ]);
  });
});
