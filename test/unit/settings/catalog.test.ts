import { keysUnder, normalizeKey, settingsCatalog } from '../../../src/settings/catalog.js';
import { Features } from '../../../src/settings/features.js';
import { BOTS, RESPONSE_SLA, SEND_FEEDBACK, SLA, TIMEZONE, WINDOW, catalog } from './fixtures.js';

describe('settingsCatalog', () => {
  it('is built once', () => {
    expect(settingsCatalog()).toBe(catalog);
  });

  it.each<[string, unknown]>([
    [WINDOW, 5],
    [SEND_FEEDBACK, false],
    [SLA, 60],
    [TIMEZONE, 'UTC'],
    [BOTS, []],
  ])('has %s with default %j', (key, value) => {
    expect(catalog.leaves.has(key)).toBe(true);
    expect(catalog.defaults[key]).toEqual(value);
  });

  it('validates a leaf with its declared schema', () => {
    expect(catalog.leaves.get(WINDOW)?.safeParse(-1).success).toBe(false);
    expect(catalog.leaves.get(WINDOW)?.parse(undefined)).toBe(5);
  });

  it('has no groups among its leaves', () => {
    expect(catalog.leaves.has(RESPONSE_SLA)).toBe(false);
    expect(catalog.leaves.has('requests.config')).toBe(false);
    expect(Object.keys(catalog.defaults)).toEqual([...catalog.leaves.keys()]);
    expect(Features.parse({}).requests.support.response_sla.sla).toBe(catalog.defaults[SLA]);
  });
});

describe('normalizeKey', () => {
  it.each([
    [`features.${WINDOW}`, WINDOW],
    [WINDOW, WINDOW],
    ['features', 'features'],
    ['featuresX.y', 'featuresX.y'],
  ])('turns %s into %s', (input, expected) => {
    expect(normalizeKey(input)).toBe(expected);
  });
});

describe('keysUnder', () => {
  it.each<[string, string[]]>([
    [SLA, [SLA]],
    [
      'requests.support.request_closure_sla',
      [
        'requests.support.request_closure_sla.isEnabled',
        'requests.support.request_closure_sla.sla',
        'requests.support.request_closure_sla.sla_channel',
      ],
    ],
    // Only whole path segments match: `requests.sup` is not `requests.support`.
    ['requests.sup', []],
    [`features.${SLA}`, []],
    ['nope', []],
  ])('lists the leaves under %s', (key, expected) => {
    expect(keysUnder(catalog, key)).toEqual(expected);
  });

  it('lists every leaf of a deep group', () => {
    const leaves = keysUnder(catalog, RESPONSE_SLA);
    expect(leaves).toEqual(expect.arrayContaining([SLA, TIMEZONE]));
    expect(leaves.every((key) => key.startsWith(`${RESPONSE_SLA}.`))).toBe(true);
    expect(leaves).not.toContain(WINDOW);
  });
});
