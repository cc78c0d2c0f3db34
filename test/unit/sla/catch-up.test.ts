import { alertsToResend, overdueKinds } from '../../../src/sla/catch-up.js';
import { at, slaRequest } from './fixtures.js';

describe('overdueKinds (catch-up after downtime)', () => {
  const responseDue = at('2026-03-09T09:00:00Z');
  const closureDue = at('2026-03-09T15:00:00Z');
  it.each([
    // the bot was down from Mon 09:55 to Mon 16:30; its SLA jobs were lost with it
    [
      'both overdue',
      slaRequest({ responseDueAt: responseDue, closureDueAt: closureDue }),
      '2026-03-09T15:30:00Z',
      ['response', 'closure'],
    ],
    // back at Mon 10:01: response due 10:00 passed, closure due 16:00 not yet
    [
      'only the response',
      slaRequest({ responseDueAt: responseDue, closureDueAt: closureDue }),
      '2026-03-09T09:01:00Z',
      ['response'],
    ],
    [
      'due exactly now',
      slaRequest({ responseDueAt: responseDue }),
      '2026-03-09T09:00:00Z',
      ['response'],
    ],
    ['nothing due yet', slaRequest({ responseDueAt: responseDue }), '2026-03-09T08:59:00Z', []],
    [
      'a breach already recorded',
      slaRequest({ responseDueAt: responseDue, responseBreachedAt: responseDue }),
      '2026-03-09T15:30:00Z',
      [],
    ],
    [
      'answered before the downtime',
      slaRequest({ responseDueAt: responseDue }, { firstResponseAt: at('2026-03-09T08:30:00Z') }),
      '2026-03-09T15:30:00Z',
      [],
    ],
    [
      'on hold while down',
      slaRequest(
        { closureDueAt: closureDue, pausedAt: at('2026-03-09T10:00:00Z') },
        { status: 'on_hold' },
      ),
      '2026-03-09T15:30:00Z',
      [],
    ],
  ])('%s', (_case, request, now, expected) => {
    expect(overdueKinds(request, at(now))).toEqual(expected);
  });
});

describe('alertsToResend', () => {
  const GRACE = 60_000;
  const responseDue = at('2026-03-09T09:00:00Z');
  const closureDue = at('2026-03-09T15:00:00Z');
  it.each([
    // breach recorded Mon 10:00, alert never sent, now 10:02 (grace 1 min) = resend
    [
      'a pending alert past the grace period',
      { responseDueAt: responseDue, responseBreachedAt: responseDue, alertsPending: ['response'] },
      '2026-03-09T09:02:00Z',
      [{ kind: 'response', due: responseDue }],
    ],
    // recorded 10:00, now 10:00:30: the live path may still be sending it
    [
      'a pending alert within the grace period',
      { responseDueAt: responseDue, responseBreachedAt: responseDue, alertsPending: ['response'] },
      '2026-03-09T09:00:30Z',
      [],
    ],
    [
      'an alert already sent',
      { responseDueAt: responseDue, responseBreachedAt: responseDue, alertsPending: [] },
      '2026-03-09T09:02:00Z',
      [],
    ],
    [
      'both pending, the closure one recent',
      {
        responseDueAt: responseDue,
        responseBreachedAt: responseDue,
        closureDueAt: closureDue,
        closureBreachedAt: at('2026-03-09T15:01:30Z'),
        alertsPending: ['response', 'closure'],
      },
      '2026-03-09T15:02:00Z',
      [{ kind: 'response', due: responseDue }],
    ],
  ] as const)('%s', (_case, sla, now, expected) => {
    const request = slaRequest({ ...sla, alertsPending: [...sla.alertsPending] });
    expect(alertsToResend(request.sla, at(now), GRACE)).toEqual(expected);
  });
});
