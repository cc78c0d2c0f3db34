import type { RequestStatus } from '../../../src/requests/request.js';
import {
  clockChange,
  RUNNING_QUERY,
  clockTimers,
  runningDue,
  startClocks,
  type SlaKind,
} from '../../../src/sla/clocks.js';
import { resumeDue } from '../../../src/sla/due.js';
import { BERLIN_9_TO_17, at, features, slaRequest } from './fixtures.js';

/** Response 120 min and closure 480 min, both on, counted Mon–Fri 09–17 Berlin. */
const bothOn = features({
  response_sla: { isEnabled: true, sla: 120, workingHoursConfig: BERLIN_9_TO_17 },
  request_closure_sla: { isEnabled: true, sla: 480 },
});

describe('startClocks', () => {
  it.each([
    {
      case: 'both SLAs on, business hours',
      // Fri 16:00 + 120 business min = Mon 10:00 (60 Fri + 60 Mon);
      // Fri 16:00 + 480 = Mon 16:00 (60 Fri + 420 Mon)
      features: bothOn,
      created: '2026-03-06T15:00:00Z',
      expected: { response: '2026-03-09T09:00:00Z', closure: '2026-03-09T15:00:00Z' },
    },
    {
      case: 'only the response SLA, wall clock',
      // Fri 16:00 UTC + 60 wall-clock min = Fri 17:00 UTC
      features: features({ response_sla: { isEnabled: true, sla: 60 } }),
      created: '2026-03-06T16:00:00Z',
      expected: { response: '2026-03-06T17:00:00Z' },
    },
    {
      case: 'only the closure SLA, wall clock',
      // Fri 16:00 + 1440 = Sat 16:00
      features: features({ request_closure_sla: { isEnabled: true } }),
      created: '2026-03-06T16:00:00Z',
      expected: { closure: '2026-03-07T16:00:00Z' },
    },
  ])('$case', (row) => {
    const start = startClocks(at(row.created), row.features);
    const iso = Object.fromEntries(
      Object.entries(start ?? {}).map(([kind, due]) => [kind, due?.toISOString()]),
    );
    const expected = Object.fromEntries(
      Object.entries(row.expected).map(([kind, due]) => [kind, at(due).toISOString()]),
    );
    expect(iso).toEqual(expected);
  });

  it('starts nothing when both SLAs are off', () => {
    expect(startClocks(at('2026-03-06T15:00:00Z'), features())).toBeNull();
  });

  it('starts a clock that never runs out when the working hours never open', () => {
    const neverOpen = features({
      response_sla: {
        isEnabled: true,
        workingHoursConfig: {
          ...BERLIN_9_TO_17,
          dailyConfigurations: [{ day: 6, start: '09:00', end: '17:00' }],
        },
      },
    });
    expect(startClocks(at('2026-03-06T15:00:00Z'), neverOpen)).toEqual({ response: null });
  });
});

const due = at('2026-03-09T09:00:00Z');
const RUNNING_ROWS: [string, SlaKind, ReturnType<typeof slaRequest>, Date | null][] = [
  ['response running', 'response', slaRequest({ responseDueAt: due }), due],
  [
    'response met by a first response',
    'response',
    slaRequest({ responseDueAt: due }, { firstResponseAt: at('2026-03-09T08:00:00Z') }),
    null,
  ],
  [
    'response already breached',
    'response',
    slaRequest({ responseDueAt: due, responseBreachedAt: due }),
    null,
  ],
  [
    'response on a closed request',
    'response',
    slaRequest({ responseDueAt: due }, { status: 'closed' }),
    null,
  ],
  ['closure running', 'closure', slaRequest({ closureDueAt: due }), due],
  [
    'closure running after the first response',
    'closure',
    slaRequest({ closureDueAt: due }, { firstResponseAt: at('2026-03-09T08:00:00Z') }),
    due,
  ],
  [
    'closure paused (on hold)',
    'closure',
    slaRequest({ closureDueAt: due, pausedAt: at('2026-03-06T15:00:00Z') }, { status: 'on_hold' }),
    null,
  ],
  [
    'closure already breached',
    'closure',
    slaRequest({ closureDueAt: due, closureBreachedAt: due }),
    null,
  ],
  [
    'closure on a discarded request',
    'closure',
    slaRequest({ closureDueAt: due }, { status: 'discarded' }),
    null,
  ],
  ['no clock started', 'closure', slaRequest(), null],
];

describe('runningDue', () => {
  it.each(RUNNING_ROWS)('%s', (_case, kind, request, expected) => {
    expect(runningDue(kind, request)).toEqual(expected);
  });
});

/** Whether a stored request matches a query of plain equality, `$in` and `$ne` conditions. */
function matches(request: Record<string, unknown>, query: Record<string, unknown>): boolean {
  const value = (path: string) =>
    path.split('.').reduce<unknown>((doc, key) => (doc as Record<string, unknown>)?.[key], request);
  return Object.entries(query).every(([path, condition]) => {
    const actual = value(path);
    if (condition === null) return actual === null;
    const { $in, $ne } = condition as { $in?: unknown[]; $ne?: unknown };
    if ($in) return $in.includes(actual);
    return $ne === null ? actual !== null : actual === condition;
  });
}

describe('RUNNING_QUERY', () => {
  it.each(RUNNING_ROWS)('says the same as runningDue: %s', (_case, kind, request, expected) => {
    expect(matches(request as never, RUNNING_QUERY[kind])).toBe(expected !== null);
  });
});

describe('clockTimers', () => {
  it('schedules a job per running clock at its due date', () => {
    const request = slaRequest({
      responseDueAt: at('2026-03-09T09:00:00Z'),
      closureDueAt: at('2026-03-09T15:00:00Z'),
    });
    expect(clockTimers(request)).toEqual([
      { kind: 'response', at: at('2026-03-09T09:00:00Z') },
      { kind: 'closure', at: at('2026-03-09T15:00:00Z') },
    ]);
  });

  it('schedules only the closure once the request is answered', () => {
    const request = slaRequest(
      { responseDueAt: at('2026-03-09T09:00:00Z'), closureDueAt: at('2026-03-09T15:00:00Z') },
      { firstResponseAt: at('2026-03-06T15:30:00Z') },
    );
    expect(clockTimers(request)).toEqual([{ kind: 'closure', at: at('2026-03-09T15:00:00Z') }]);
  });

  it('schedules nothing for a request no longer live', () => {
    const request = slaRequest({ responseDueAt: at('2026-03-09T09:00:00Z') }, { status: 'closed' });
    expect(clockTimers(request)).toEqual([]);
  });
});

describe('clockChange', () => {
  it.each<[RequestStatus, RequestStatus, ReturnType<typeof clockChange>]>([
    ['open', 'on_hold', 'pause'],
    ['in_progress', 'on_hold', 'pause'],
    ['on_hold', 'in_progress', 'resume'],
    ['on_hold', 'closed', 'end'],
    ['open', 'closed', 'end'],
    ['in_progress', 'discarded', 'end'],
    ['open', 'in_progress', 'none'],
    ['closed', 'open', 'none'],
    ['on_hold', 'on_hold', 'none'], // an assignee change: same status
  ])('%s → %s: %s', (from, to, expected) => {
    expect(clockChange(from, to)).toBe(expected);
  });
});

describe('pause and resume on hold', () => {
  it('moves the closure due date by the business time spent on hold', () => {
    const hours = bothOn.requests.support.response_sla.workingHoursConfig;
    // closure due Mon 16:00; on hold Mon 10:00 (360 business min left), resumed Tue 11:00
    // = Tue 11:00 + 360 = Tue 17:00 (on hold for 7 h + 2 h of business time)
    expect(clockChange('in_progress', 'on_hold')).toBe('pause');
    expect(clockChange('on_hold', 'in_progress')).toBe('resume');
    const moved = resumeDue(
      at('2026-03-09T09:00:00Z'),
      at('2026-03-09T15:00:00Z'),
      at('2026-03-10T10:00:00Z'),
      hours,
    );
    expect(moved).toEqual(at('2026-03-10T16:00:00Z'));
  });
});
