import { keepOpenRefusal, nudgeDueAt, nudgePlan, nudgeTimer } from '../../../src/timers/nudge.js';
import type { TimerChange, TimerMoment } from '../../../src/timers/timer.js';
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

describe('nudgeTimer', () => {
  const answered = {
    status: 'in_progress' as RequestStatus,
    lastCustomerActivityAt: at('2026-03-02T10:00:00Z'),
    lastAgentActivityAt: at('2026-03-02T10:05:00Z'),
  };
  it.each<[string, TimerMoment, typeof answered, number, TimerChange]>([
    // an agent reply at 10:05 with 60 min = nudge at 11:05
    [
      'an agent reply schedules it',
      { kind: 'agentReplied' },
      answered,
      60,
      { kind: 'schedule', at: at('2026-03-02T11:05:00Z') },
    ],
    [
      'an agent reply with nudges off cancels it',
      { kind: 'agentReplied' },
      answered,
      0,
      { kind: 'cancel' },
    ],
    ['a customer message cancels it', { kind: 'customerWrote' }, answered, 60, { kind: 'cancel' }],
    [
      'a close cancels it',
      { kind: 'changed', from: 'in_progress' },
      { ...answered, status: 'closed' },
      60,
      { kind: 'cancel' },
    ],
    [
      'a discard cancels it',
      { kind: 'changed', from: 'open' },
      { ...answered, status: 'discarded' },
      60,
      { kind: 'cancel' },
    ],
    [
      'going on hold keeps it',
      { kind: 'changed', from: 'in_progress' },
      { ...answered, status: 'on_hold' },
      60,
      { kind: 'keep' },
    ],
    [
      'opening keeps it (nothing answered yet)',
      { kind: 'created' },
      answered,
      60,
      { kind: 'keep' },
    ],
  ])('%s', (_case, moment, request, minutes, expected) => {
    expect(nudgeTimer(moment, request, minutes)).toEqual(expected);
  });
});

describe('nudgePlan', () => {
  const request = {
    lastAgentActivityAt: at('2026-03-02T10:05:00Z'),
    triage: { channelId: 'C0TRIAGE', ts: '1740909600.000100' },
  };
  it('nudges once per agent reply, in the triage thread too', () => {
    expect(nudgePlan('65f000000000000000000001', request, false)).toEqual({
      claim: 'nudge:65f000000000000000000001:2026-03-02T10:05:00.000Z',
      triage: { channelId: 'C0TRIAGE', ts: '1740909600.000100' },
    });
  });
  it('leaves the triage thread out with stop_nudge_for_triage_channel', () => {
    expect(nudgePlan('65f000000000000000000001', request, true).triage).toBeNull();
  });
  it('leaves the triage thread out when the request has no card', () => {
    const noCard = { ...request, triage: { channelId: 'C0TRIAGE', ts: null } };
    expect(nudgePlan('65f000000000000000000001', noCard, false).triage).toBeNull();
  });
});

describe('keepOpenRefusal', () => {
  it.each<[string, { status: RequestStatus } | null, string | undefined]>([
    ['a live request stays open', { status: 'on_hold' }, undefined],
    ['a closed request', { status: 'closed' }, 'This request is already closed.'],
    ['a discarded request', { status: 'discarded' }, 'This request is already discarded.'],
    ['a request that is gone', null, 'That request no longer exists.'],
  ])('%s', (_case, request, expected) => {
    expect(keepOpenRefusal(request)).toBe(expected);
  });
});
