import {
  MAX_CHANNEL_NAME_LENGTH,
  channelMatches,
  conditionMatches,
  isRiskyPattern,
  shouldAutoJoin,
  shouldNotifyJoin,
} from '../../../src/automations/match.js';
import { Features } from '../../../src/settings/features.js';
import type { ChannelCondition } from '../../../src/settings/primitives.js';

/** Built-in defaults with `requests.automations` replaced by `automations`. */
function features(automations: Record<string, unknown>): Features {
  return Features.parse({ requests: { automations } });
}

describe('conditionMatches', () => {
  it.each<[string, ChannelCondition, boolean]>([
    ['ext-acme', { condition: 'starts_with', value: 'ext-' }, true],
    ['acme-ext-', { condition: 'starts_with', value: 'ext-' }, false],
    ['ext-acme', { condition: 'starts_with', value: 'EXT-' }, true], // text ignores case
    ['acme-shared', { condition: 'ends_with', value: '-shared' }, true],
    ['acme-shared-old', { condition: 'ends_with', value: '-shared' }, false],
    ['team-acme-support', { condition: 'contains', value: 'acme' }, true],
    ['team-globex', { condition: 'contains', value: 'acme' }, false],
    ['acme', { condition: 'equals', value: 'acme' }, true],
    ['acme-2', { condition: 'equals', value: 'acme' }, false],
    ['cust-042', { condition: 'regex', value: '^cust-\\d{3}$' }, true],
    ['cust-42', { condition: 'regex', value: '^cust-\\d{3}$' }, false],
    ['ext-acme', { condition: 'regex', value: '^EXT-' }, false], // regex used as written
    ['ext-acme', { condition: 'regex', value: '(' }, false], // invalid: matches nothing
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaab', { condition: 'regex', value: '^(a+)+$' }, false], // risky
    ['x'.repeat(MAX_CHANNEL_NAME_LENGTH + 1), { condition: 'regex', value: '^x+$' }, false],
    ['x'.repeat(MAX_CHANNEL_NAME_LENGTH), { condition: 'regex', value: '^x+$' }, true],
  ])('%s against %o is %s', (name, rule, expected) => {
    expect(conditionMatches(name, rule)).toBe(expected);
  });
});

describe('isRiskyPattern', () => {
  it.each<[string, boolean]>([
    ['^ext-', false],
    ['^cust-\\d+$', false],
    ['^(ext|cust)-', false],
    ['^(ab)+$', false],
    ['^(a+)?$', false],
    ['[(a+)]+', false], // brackets are a character class, not a group
    ['\\(a+\\)+', false], // escaped parentheses
    ['^(a+)+$', true],
    ['^(a*)*$', true],
    ['^(a|aa)*$', true],
    ['^((ab)+)+$', true],
    ['^(?:a{1,3})+$', true],
  ])('%s is risky: %s', (pattern, risky) => {
    expect(isRiskyPattern(pattern)).toBe(risky);
  });
});

describe('channelMatches', () => {
  const conditions: ChannelCondition[] = [
    { condition: 'starts_with', value: 'ext-' },
    { condition: 'ends_with', value: '-shared' },
  ];

  it.each<[string, ChannelCondition[], boolean]>([
    ['ext-acme', conditions, true],
    ['acme-shared', conditions, true], // any one condition is enough
    ['general', conditions, false],
    ['ext-acme', [], false], // no conditions: nothing matches
  ])('%s matches %o: %s', (name, list, expected) => {
    expect(channelMatches(name, list)).toBe(expected);
  });
});

describe('shouldAutoJoin', () => {
  const enabled = features({ makeThenaBotAutoJoinChannels: { isEnabled: true } });

  it.each<[string, boolean, Features, { id: string; name: string; isPrivate?: boolean }]>([
    ['default ext- condition matches', true, enabled, { id: 'C1', name: 'ext-acme' }],
    ['name does not match', false, enabled, { id: 'C1', name: 'random' }],
    ['disabled (the default)', false, features({}), { id: 'C1', name: 'ext-acme' }],
    ['private channel', false, enabled, { id: 'G1', name: 'ext-acme', isPrivate: true }],
  ])('%s → %s', (_case, expected, config, channel) => {
    expect(shouldAutoJoin(config, channel)).toBe(expected);
  });
});

describe('shouldNotifyJoin', () => {
  const byConditions = features({
    notifyOnChannelJoin: { isEnabled: true, alertsChannel: 'C0ALERTS' },
  });
  const byIds = features({
    notifyOnChannelJoin: {
      isEnabled: true,
      alertsChannel: 'C0ALERTS',
      howAreChannelsDefined: 'by-channel-ids',
      channelIds: ['C0LISTED'],
    },
  });
  const noAlertsChannel = features({ notifyOnChannelJoin: { isEnabled: true } });
  const disabled = features({ notifyOnChannelJoin: { alertsChannel: 'C0ALERTS' } });

  it.each<[string, boolean, Features, { id: string; name: string }]>([
    ['by conditions, name matches', true, byConditions, { id: 'C1', name: 'ext-acme' }],
    ['by conditions, name does not match', false, byConditions, { id: 'C1', name: 'random' }],
    ['by ids, listed', true, byIds, { id: 'C0LISTED', name: 'random' }],
    ['by ids, name matches but not listed', false, byIds, { id: 'C1', name: 'ext-acme' }],
    ['no alerts channel', false, noAlertsChannel, { id: 'C1', name: 'ext-acme' }],
    ['disabled', false, disabled, { id: 'C1', name: 'ext-acme' }],
    ['the alerts channel itself', false, byConditions, { id: 'C0ALERTS', name: 'ext-alerts' }],
  ])('%s → %s', (_case, expected, config, channel) => {
    expect(shouldNotifyJoin(config, channel)).toBe(expected);
  });
});
