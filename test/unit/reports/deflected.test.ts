import { contributionOf, deltaBetween, requestFacts, rowKey } from '../../../src/reports/index.js';
import { aRequest, at, wallUtc } from './fixtures.js';

const closed = (closeReason: string | null) =>
  requestFacts(
    aRequest({ status: 'closed', closedAt: at('2026-03-03T09:00:00Z'), closeReason }),
    wallUtc,
  );
const all = (day: string) => rowKey({ day, dimension: 'all', value: 'all' });

describe('deflected requests in the reports', () => {
  it('counts a request closed as deflected on the day it closed', () => {
    expect(closed('deflected').deflected).toBe('2026-03-03');
    expect(contributionOf(closed('deflected')).get(all('2026-03-03'))).toMatchObject({
      resolutions: 1,
      deflected: 1,
    });
  });

  it('leaves the fact out for any other close, so facts counted before it existed compare equal', () => {
    expect('deflected' in closed(null)).toBe(false);
    expect(contributionOf(closed(null)).get(all('2026-03-03'))?.deflected).toBeUndefined();
  });

  it('takes the count back when the request reopens', () => {
    const reopened = requestFacts(
      aRequest({ status: 'open', closedAt: null, closeReason: null }),
      wallUtc,
    );
    expect(deltaBetween(closed('deflected'), reopened).get(all('2026-03-03'))).toMatchObject({
      deflected: -1,
    });
  });
});
