import type { HistoryEntry, RequestStatus } from '../../../src/requests/request.js';
import {
  autoCloseClaim,
  autoCloseDueAt,
  autoCloseTimer,
  quietSince,
  type QuietFacts,
} from '../../../src/timers/auto-close.js';
import type { TimerChange, TimerMoment } from '../../../src/timers/timer.js';

const at = (iso: string) => new Date(iso);
const status = (iso: string, from: RequestStatus | null, to: RequestStatus): HistoryEntry => ({
  at: at(iso),
  type: 'status',
  from,
  to,
  by: 'U0AGENT',
});
const opened = status('2026-03-02T10:00:00Z', null, 'open');

describe('quietSince', () => {
  it('is the customer’s last message while the request was never reopened', () => {
    const request = { lastCustomerActivityAt: at('2026-03-02T11:30:00Z'), history: [opened] };
    expect(quietSince(request)).toEqual(at('2026-03-02T11:30:00Z'));
  });

  it('is the reopening when an agent reopened after the customer’s last message', () => {
    const history = [
      opened,
      status('2026-03-02T10:10:00Z', 'open', 'closed'),
      status('2026-03-02T15:00:00Z', 'closed', 'open'),
      { at: at('2026-03-02T16:00:00Z'), type: 'assign', to: 'U0AGENT', by: 'U0AGENT' },
    ];
    const request = { lastCustomerActivityAt: at('2026-03-02T10:00:00Z'), history };
    expect(quietSince(request)).toEqual(at('2026-03-02T15:00:00Z'));
  });
});

describe('autoCloseDueAt', () => {
  it.each<[string, RequestStatus, string, number, string | null]>([
    // status, customer last wrote, minutes → due
    ['open', 'open', '2026-03-02T10:00:00Z', 120, '2026-03-02T12:00:00Z'], // 10:00 + 2 h
    ['in progress', 'in_progress', '2026-03-02T10:00:00Z', 2880, '2026-03-04T10:00:00Z'], // + 2 days
    ['on hold', 'on_hold', '2026-03-02T23:30:00Z', 60, '2026-03-03T00:30:00Z'], // past midnight
    ['closed', 'closed', '2026-03-02T10:00:00Z', 120, null],
    ['discarded', 'discarded', '2026-03-02T10:00:00Z', 120, null],
    ['auto-close off', 'open', '2026-03-02T10:00:00Z', 0, null],
  ])('%s', (_case, state, customer, minutes, expected) => {
    const request = { status: state, lastCustomerActivityAt: at(customer), history: [opened] };
    expect(autoCloseDueAt(request, minutes)).toEqual(expected ? at(expected) : null);
  });
});

describe('autoCloseTimer', () => {
  const live = {
    status: 'open' as RequestStatus,
    lastCustomerActivityAt: at('2026-03-02T10:00:00Z'),
    history: [opened],
  };
  const reopenedAt15 = [...live.history, status('2026-03-02T15:00:00Z', 'closed', 'open')];
  it.each<[string, TimerMoment, QuietFacts, number, TimerChange]>([
    // customer last wrote 10:00, 120 min = close at 12:00
    [
      'opening schedules it',
      { kind: 'created' },
      live,
      120,
      { kind: 'schedule', at: at('2026-03-02T12:00:00Z') },
    ],
    [
      'opening with auto-close off leaves nothing to cancel',
      { kind: 'created' },
      live,
      0,
      { kind: 'keep' },
    ],
    [
      'a customer message moves it',
      { kind: 'customerWrote' },
      { ...live, lastCustomerActivityAt: at('2026-03-02T11:00:00Z') },
      120,
      { kind: 'schedule', at: at('2026-03-02T13:00:00Z') }, // 11:00 + 2 h
    ],
    [
      'a customer message with auto-close off cancels it',
      { kind: 'customerWrote' },
      live,
      0,
      { kind: 'cancel' },
    ],
    ['an agent reply keeps it', { kind: 'agentReplied' }, live, 120, { kind: 'keep' }],
    [
      'a close cancels it',
      { kind: 'changed', from: 'open' },
      { ...live, status: 'closed' },
      120,
      { kind: 'cancel' },
    ],
    [
      'a reopening schedules it from the reopening',
      { kind: 'changed', from: 'closed' },
      { ...live, history: reopenedAt15 },
      120,
      { kind: 'schedule', at: at('2026-03-02T17:00:00Z') }, // reopened 15:00 + 2 h
    ],
    [
      'going on hold keeps it',
      { kind: 'changed', from: 'open' },
      { ...live, status: 'on_hold' },
      120,
      { kind: 'keep' },
    ],
  ])('%s', (_case, moment, request, minutes, expected) => {
    expect(autoCloseTimer(moment, request, minutes)).toEqual(expected);
  });
});

describe('autoCloseClaim', () => {
  it('is one key per quiet spell', () => {
    const request = { lastCustomerActivityAt: at('2026-03-02T11:30:00Z'), history: [opened] };
    expect(autoCloseClaim('65f000000000000000000001', request)).toBe(
      'auto-close:65f000000000000000000001:2026-03-02T11:30:00.000Z',
    );
  });
});
