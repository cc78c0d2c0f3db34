import { nudgeDueAt } from '../../../src/timers/nudge.js';
import { formatMinutes } from '../../../src/slack/blocks/nudge.js';
import type { RequestStatus } from '../../../src/requests/request.js';

const at = (iso: string) => new Date(iso);

describe('nudgeDueAt', () => {
  it.each<[string, RequestStatus, string, string | null, number, string | null]>([
    // status, customer last wrote, agent last replied, minutes → due
    [
      'answered',
      'in_progress',
      '2026-03-02T10:00:00Z',
      '2026-03-02T10:05:00Z',
      60,
      '2026-03-02T11:05:00Z',
    ], // 10:05 + 60 min
    [
      'answered in the same minute',
      'open',
      '2026-03-02T10:00:00Z',
      '2026-03-02T10:00:00Z',
      30,
      '2026-03-02T10:30:00Z',
    ],
    [
      'on hold',
      'on_hold',
      '2026-03-02T10:00:00Z',
      '2026-03-02T10:05:00Z',
      1440,
      '2026-03-03T10:05:00Z',
    ], // + 1 day
    ['not answered yet', 'open', '2026-03-02T10:00:00Z', null, 60, null],
    [
      'the customer wrote last',
      'in_progress',
      '2026-03-02T10:06:00Z',
      '2026-03-02T10:05:00Z',
      60,
      null,
    ],
    ['closed', 'closed', '2026-03-02T10:00:00Z', '2026-03-02T10:05:00Z', 60, null],
    ['discarded', 'discarded', '2026-03-02T10:00:00Z', '2026-03-02T10:05:00Z', 60, null],
    ['nudges off', 'in_progress', '2026-03-02T10:00:00Z', '2026-03-02T10:05:00Z', 0, null],
  ])('%s', (_case, status, customer, agent, minutes, expected) => {
    const request = {
      status,
      lastCustomerActivityAt: at(customer),
      lastAgentActivityAt: agent ? at(agent) : null,
    };
    expect(nudgeDueAt(request, minutes)).toEqual(expected ? at(expected) : null);
  });
});

describe('formatMinutes', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [180, '3 hours'],
    [1440, '1 day'],
    [2880, '2 days'],
    [2940, '49 hours'],
  ])('%i minutes reads "%s"', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});
