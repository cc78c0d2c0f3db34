import { describe, expect, it } from '@jest/globals';
import { aiGate, budgetMonth, NO_PROVIDER, withinBudget } from '../../../src/ai/policy.js';

describe('aiGate: no text leaves without a provider and the setting on', () => {
  it.each([
    [false, false, { send: false, reason: 'no_provider' }],
    [false, true, { send: false, reason: 'no_provider' }],
    [true, false, { send: false, reason: 'setting_off' }],
    [true, true, { send: true }],
  ])('provider %s, setting %s → %j', (provider, setting, expected) => {
    expect(aiGate(provider, setting)).toEqual(expected);
  });

  it('says how to configure a provider', () => {
    expect(NO_PROVIDER).toContain('set AI_BASE_URL');
  });
});

describe('the monthly token budget', () => {
  it.each([
    // used, budget → may call
    [0, undefined, true], // no budget set: no limit
    [1_000_000, undefined, true],
    [0, 0, false], // a zero budget: no call at all
    [0, 500, true],
    [499, 500, true], // under: the call may take it over
    [500, 500, false], // used up
    [620, 500, false], // the last call went over
  ])('used %d of %s → %s', (used, budget, expected) => {
    expect(withinBudget(used, budget)).toBe(expected);
  });

  it.each([
    ['2026-11-30T23:59:59Z', '2026-11'],
    ['2026-12-01T00:00:00Z', '2026-12'], // resets at 00:00 UTC on the 1st
    ['2027-01-01T00:30:00+01:00', '2026-12'], // 23:30 UTC on Dec 31
  ])('%s counts in %s', (at, month) => {
    expect(budgetMonth(new Date(at))).toBe(month);
  });
});
