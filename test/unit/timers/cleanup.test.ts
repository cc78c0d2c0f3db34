import type { RequestStatus } from '../../../src/requests/request.js';
import { cleanupDueAt } from '../../../src/timers/cleanup.js';

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
