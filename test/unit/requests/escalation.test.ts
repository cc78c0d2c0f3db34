import {
  decideEscalation,
  isEscalationReaction,
  nextEscalationAt,
  type EscalationFacts,
} from '../../../src/requests/escalation.js';
import type { RequestStatus } from '../../../src/requests/request.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-01-05T09:10:00Z');

const facts = (
  over: Partial<Omit<EscalationFacts, 'request'>> & {
    status?: RequestStatus;
    lastAt?: string;
  } = {},
): EscalationFacts => ({
  request: {
    status: over.status ?? 'open',
    escalated: over.lastAt ? { at: at(over.lastAt), by: 'U0ALICE' } : null,
  },
  enabled: over.enabled ?? true,
  coolOffMinutes: over.coolOffMinutes ?? 30,
  who: over.who ?? 'agent',
  now: over.now ?? NOW,
});

describe('decideEscalation', () => {
  it.each<[string, Parameters<typeof facts>[0], string, string | undefined]>([
    ['an agent, never escalated', {}, 'escalate', undefined],
    ['in progress', { status: 'in_progress' }, 'escalate', undefined],
    ['on hold', { status: 'on_hold' }, 'escalate', undefined],
    // 08:30 + 30 min = 09:00, before 09:10
    ['cool-off over', { lastAt: '2026-01-05T08:30:00Z' }, 'escalate', undefined],
    // 08:40 + 30 min = 09:10, exactly now: allowed
    ['cool-off ends now', { lastAt: '2026-01-05T08:40:00Z' }, 'escalate', undefined],
    // 09:00 + 30 min = 09:30, after 09:10
    [
      'within the cool-off',
      { lastAt: '2026-01-05T09:00:00Z' },
      'cooling_off',
      '2026-01-05T09:30:00.000Z',
    ],
    // 09:09 + 0 min = 09:09: no cool-off
    ['cool-off 0', { lastAt: '2026-01-05T09:09:00Z', coolOffMinutes: 0 }, 'escalate', undefined],
    // the same millisecond with no cool-off is allowed too: 0 means none
    [
      'cool-off 0, same instant',
      { lastAt: NOW.toISOString(), coolOffMinutes: 0 },
      'escalate',
      undefined,
    ],
    ['disabled', { enabled: false }, 'disabled', undefined],
    ['a customer', { who: 'customer' }, 'not_agent', undefined],
    ['a bot', { who: 'ignored' }, 'not_agent', undefined],
    ['closed', { status: 'closed' }, 'not_live', undefined],
    ['discarded', { status: 'discarded' }, 'not_live', undefined],
    // disabled is said first: a customer is not told they lack a right nobody has here
    ['disabled, by a customer', { enabled: false, who: 'customer' }, 'disabled', undefined],
    [
      'a customer on a closed request',
      { who: 'customer', status: 'closed' },
      'not_agent',
      undefined,
    ],
    [
      'closed within the cool-off',
      { status: 'closed', lastAt: '2026-01-05T09:00:00Z' },
      'not_live',
      undefined,
    ],
  ])('%s → %s', (_, input, expected, nextAllowedAt) => {
    const decision = decideEscalation(facts(input));
    expect(decision.kind === 'escalate' ? 'escalate' : decision.reason).toBe(expected);
    const next = decision.kind === 'refuse' ? decision.nextAllowedAt?.toISOString() : undefined;
    expect(next).toBe(nextAllowedAt);
  });

  it('conditions the write on the last escalation being a cool-off ago', () => {
    // 09:10 − 30 min = 08:40
    expect(decideEscalation(facts())).toEqual({
      kind: 'escalate',
      lastAtOrBefore: at('2026-01-05T08:40:00Z'),
    });
    expect(decideEscalation(facts({ coolOffMinutes: 0 }))).toEqual({
      kind: 'escalate',
      lastAtOrBefore: NOW,
    });
  });

  it('says who escalated, and when it is allowed again, in each reader’s time zone', () => {
    const decision = decideEscalation(facts({ lastAt: '2026-01-05T09:00:00Z' }));
    expect(decision.kind === 'refuse' && decision.text).toBe(
      ':hourglass: This request was already escalated by <@U0ALICE> at ' +
        '<!date^1767603600^{date_short_pretty} at {time}|2026-01-05 09:00 UTC>; it can be escalated ' +
        'again from <!date^1767605400^{date_short_pretty} at {time}|2026-01-05 09:30 UTC>. ' +
        'Nothing was changed.',
    );
  });

  it.each<[Parameters<typeof facts>[0], string]>([
    [{ enabled: false }, 'Escalation is turned off for this channel'],
    [{ who: 'customer' }, 'Only the support team can escalate a request'],
    [{ status: 'discarded' }, 'This request is discarded; only an open request can be escalated'],
  ])('explains a refusal: %j', (input, sentence) => {
    const decision = decideEscalation(facts(input));
    expect(decision.kind === 'refuse' && decision.text).toContain(sentence);
  });
});

describe('nextEscalationAt', () => {
  it.each<[string, number, string]>([
    ['2026-01-05T09:00:00Z', 30, '2026-01-05T09:30:00.000Z'], // 09:00 + 30 min
    ['2026-01-05T23:50:00Z', 15, '2026-01-06T00:05:00.000Z'], // past midnight
    ['2026-01-05T09:00:00Z', 0, '2026-01-05T09:00:00.000Z'], // no cool-off
  ])('%s + %i min = %s', (last, minutes, next) => {
    expect(nextEscalationAt(at(last), minutes).toISOString()).toBe(next);
  });
});

describe('isEscalationReaction', () => {
  it.each<[string, string, boolean]>([
    ['bangbang', 'U0AGENT', true],
    ['bangbang', 'U0BOT', false], // the bot's own reaction is no request
    ['exclamation', 'U0AGENT', false],
    ['eyes', 'U0AGENT', false],
  ])(':%s: by %s → %s', (reaction, user, expected) => {
    expect(isEscalationReaction(reaction, user, 'U0BOT')).toBe(expected);
  });
});
