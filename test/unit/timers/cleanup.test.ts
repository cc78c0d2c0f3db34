import type { RequestStatus } from '../../../src/requests/request.js';
import {
  cleanupDueAt,
  cleanupTarget,
  cleanupTimer,
  type CleanupFacts,
} from '../../../src/timers/cleanup.js';
import type { TimerChange, TimerMoment } from '../../../src/timers/timer.js';

const at = (iso: string) => new Date(iso);

describe('cleanupDueAt', () => {
  it.each<[string, RequestStatus, string | null, number, string | null]>([
    // status, closed at, minutes → due
    ['closed', 'closed', '2026-03-02T10:00:00Z', 30, '2026-03-02T10:30:00Z'], // 10:00 + 30 min
    ['closed late', 'closed', '2026-03-02T23:50:00Z', 1440, '2026-03-03T23:50:00Z'], // + 1 day
    ['reopened', 'open', null, 30, null],
    ['discarded', 'discarded', null, 30, null],
    ['clean-up off', 'closed', '2026-03-02T10:00:00Z', 0, null],
  ])('%s', (_case, status, closedAt, minutes, expected) => {
    const request = { status, closedAt: closedAt ? at(closedAt) : null };
    expect(cleanupDueAt(request, minutes)).toEqual(expected ? at(expected) : null);
  });
});

describe('cleanupTimer', () => {
  const closed = { status: 'closed' as RequestStatus, closedAt: at('2026-03-02T10:00:00Z') };
  it.each<[string, TimerMoment, CleanupFacts, number, TimerChange]>([
    // closed 10:00, 30 min = card goes 10:30
    [
      'closing schedules it',
      { kind: 'changed', from: 'in_progress' },
      closed,
      30,
      { kind: 'schedule', at: at('2026-03-02T10:30:00Z') },
    ],
    [
      'closing with clean-up off does nothing',
      { kind: 'changed', from: 'open' },
      closed,
      0,
      { kind: 'keep' },
    ],
    [
      'reopening cancels it',
      { kind: 'changed', from: 'closed' },
      { status: 'open', closedAt: null },
      30,
      { kind: 'cancel' },
    ],
    [
      'a discard does nothing',
      { kind: 'changed', from: 'open' },
      { status: 'discarded', closedAt: null },
      30,
      { kind: 'keep' },
    ],
    [
      'an assignee change on a closed request does nothing',
      { kind: 'changed', from: 'closed' },
      closed,
      30,
      { kind: 'keep' },
    ],
    ['a customer message does nothing', { kind: 'customerWrote' }, closed, 30, { kind: 'keep' }],
  ])('%s', (_case, moment, request, minutes, expected) => {
    expect(cleanupTimer(moment, request, minutes)).toEqual(expected);
  });
});

describe('cleanupTarget', () => {
  it.each([
    [
      'the card',
      { channelId: 'C0TRIAGE', ts: '1740909600.000100' },
      { channelId: 'C0TRIAGE', ts: '1740909600.000100' },
    ],
    ['no card any more', { channelId: 'C0TRIAGE', ts: null }, null],
    ['never had a triage channel', { channelId: null, ts: null }, null],
  ])('%s', (_case, triage, expected) => {
    expect(cleanupTarget({ triage })).toEqual(expected);
  });
});
