import { Features } from '../../../src/settings/features.js';
import { flatten, flattenChecked, unflatten } from '../../../src/settings/flatten.js';
import { BOTS, SEND_FEEDBACK, SLA, TIMEZONE, WINDOW, catalog } from './fixtures.js';

const defaults = Features.parse({}) as Record<string, unknown>;

describe('flatten and unflatten', () => {
  it('round-trips the default configuration', () => {
    expect(unflatten(flatten(defaults, catalog.leaves))).toEqual(defaults);
  });

  it('gives one entry per catalog leaf, in catalog order', () => {
    const flat = flatten(defaults, catalog.leaves);
    expect(Object.keys(flat)).toEqual([...catalog.leaves.keys()]);
    expect(flat).toEqual(catalog.defaults);
  });

  it.each<[string, unknown]>([
    [WINDOW, 5],
    [SEND_FEEDBACK, false],
    [SLA, 60],
    [TIMEZONE, 'UTC'],
    [BOTS, []],
    // Arrays of objects and records are single values, not groups.
    ['requests.support.response_sla.workingHoursConfig.workingDays', [1, 2, 3, 4, 5]],
    ['crm.field_mappings', {}],
    [
      'requests.automations.notifyOnChannelJoin.conditions',
      [{ condition: 'starts_with', value: 'ext-' }],
    ],
  ])('keeps %s whole: %j', (key, value) => {
    expect(flatten(defaults, catalog.leaves)[key]).toEqual(value);
  });

  it('nests dotted keys and merges siblings', () => {
    expect(unflatten({ [SLA]: 30, [TIMEZONE]: 'Europe/Berlin', [WINDOW]: 10 })).toEqual({
      requests: {
        support: { response_sla: { sla: 30, workingHoursConfig: { timezone: 'Europe/Berlin' } } },
        config: { conversation_grouping_window: 10 },
      },
    });
  });
});

describe('flattenChecked', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[][]]>([
    [
      'flattens known keys and reports none unknown',
      { requests: { config: { send_feedback: true, white_listed_bots: ['B0AAA1111'] } } },
      { [SEND_FEEDBACK]: true, [BOTS]: ['B0AAA1111'] },
      [],
    ],
    [
      'reports an unknown key with its path',
      { requests: { config: { send_feedbak: true, conversation_grouping_window: 10 } } },
      { [WINDOW]: 10 },
      [['requests', 'config', 'send_feedbak']],
    ],
    ['reports an unknown top-level key', { nope: { deeper: 1 } }, {}, [['nope']]],
    [
      'reports a group given a scalar',
      { requests: { support: { response_sla: 60 } } },
      {},
      [['requests', 'support', 'response_sla']],
    ],
    ['reports a group given an array', { requests: { config: [] } }, {}, [['requests', 'config']]],
    [
      // A leaf takes whatever it is given; validating the value is the leaf schema's job.
      'hands an object under a leaf to the leaf unchanged',
      { requests: { config: { send_feedback: { value: true } } } },
      { [SEND_FEEDBACK]: { value: true } },
      [],
    ],
    [
      'reports every unknown path',
      { ma: { nope: 1 }, requests: { support: { response_sla: { sla: 30, slaa: 31 } } }, x: 0 },
      { [SLA]: 30 },
      [['ma', 'nope'], ['requests', 'support', 'response_sla', 'slaa'], ['x']],
    ],
  ])('%s', (_name, nested, flat, unknown) => {
    expect(flattenChecked(nested, catalog.leaves)).toEqual({ flat, unknown });
  });
});
