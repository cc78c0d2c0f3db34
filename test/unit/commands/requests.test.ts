import { age, openRequestsText, type ListedRequest } from '../../../src/commands/requests.js';

const NOW = new Date('2026-01-05T12:00:00Z');

function request(overrides: Partial<ListedRequest> = {}): ListedRequest {
  return {
    status: 'open',
    requesterId: 'U1',
    assigneeId: null,
    createdAt: new Date('2026-01-05T09:00:00Z'),
    link: 'https://slack.com/archives/C1/p1',
    ...overrides,
  };
}

describe('age', () => {
  it.each([
    ['2026-01-05T12:00:00Z', '0m'], // now
    ['2026-01-05T12:30:00Z', '0m'], // in the future: never negative
    ['2026-01-05T11:15:30Z', '44m'], // 44.5 min, whole minutes
    ['2026-01-05T11:00:00Z', '1h'], // 60 min
    ['2026-01-05T09:30:00Z', '2h'], // 150 min → 2 whole hours
    ['2026-01-04T12:00:01Z', '23h'], // 1 s short of a day
    ['2026-01-02T11:00:00Z', '3d'], // 73 h → 3 whole days
  ])('since %s: %s', (since, expected) => {
    expect(age(NOW, new Date(since))).toBe(expected);
  });
});

describe('openRequestsText', () => {
  it('says when nothing is open', () => {
    expect(openRequestsText({ channelId: 'C1', requests: [], total: 0, now: NOW })).toBe(
      'No open requests in <#C1>. :tada:',
    );
  });

  it('lists each request with status, requester, assignee, age and link', () => {
    const text = openRequestsText({
      channelId: 'C1',
      requests: [request(), request({ status: 'in_progress', assigneeId: 'U2' })],
      total: 2,
      now: NOW,
    });
    expect(text.split('\n')).toEqual([
      '*2 open requests in <#C1>*, newest first:',
      // created 09:00, now 12:00: 3h
      expect.stringMatching(
        /\*open\* · from <@U1> · unassigned · 3h old · <https:\/\/slack\.com\/archives\/C1\/p1\|view>$/,
      ),
      expect.stringMatching(/\*in progress\* · from <@U1> · assigned to <@U2> · 3h old/),
    ]);
  });

  it.each<[number, number, string]>([
    [1, 1, '*1 open request in <#C1>*, newest first:'],
    [3, 3, '*3 open requests in <#C1>*, newest first:'],
    [2, 45, '*45 open requests in <#C1>*, the newest 2:'],
  ])('%i listed of %i: "%s"', (listed, total, heading) => {
    const requests = Array.from({ length: listed }, () => request());
    expect(openRequestsText({ channelId: 'C1', requests, total, now: NOW }).split('\n')[0]).toBe(
      heading,
    );
  });
});
