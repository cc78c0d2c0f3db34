import type { HistoryEntry, RequestStatus } from '../../../src/requests/request.js';
import { autoCloseDueAt, quietSince } from '../../../src/timers/auto-close.js';

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
