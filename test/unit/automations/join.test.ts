import {
  joinAlertPlan,
  joinedChannelOf,
  type JoinedChannel,
} from '../../../src/automations/join.js';
import { Features } from '../../../src/settings/features.js';

describe('joinedChannelOf', () => {
  it("takes Slack's description when there is one", () => {
    const info = {
      id: 'C1',
      name: 'ext-acme-renamed',
      is_private: true,
      is_ext_shared: false,
      is_archived: true,
      is_member: true,
    };
    expect(joinedChannelOf('C1', info, { name: 'ext-acme', isExtShared: true })).toEqual({
      channelId: 'C1',
      name: 'ext-acme-renamed',
      isPrivate: true,
      isExtShared: false,
      isArchived: true,
    });
  });

  it('falls back to what the event said: a public, live channel', () => {
    expect(joinedChannelOf('C1', undefined, { name: 'ext-acme', isExtShared: true })).toEqual({
      channelId: 'C1',
      name: 'ext-acme',
      isPrivate: false,
      isExtShared: true,
      isArchived: false,
    });
  });
});

describe('joinAlertPlan', () => {
  const channel = (overrides: Partial<JoinedChannel> = {}): JoinedChannel => ({
    channelId: 'C1',
    name: 'ext-acme',
    isPrivate: false,
    isExtShared: true,
    isArchived: false,
    ...overrides,
  });
  const features = (rule: Record<string, unknown>, hidePrivateChannelMetadata = false) =>
    Features.parse({
      hidePrivateChannelMetadata,
      requests: {
        automations: {
          notifyOnChannelJoin: {
            isEnabled: true,
            alertsChannel: 'C0ALERTS',
            conditions: [{ condition: 'starts_with', value: 'ext-' }],
            ...rule,
          },
        },
      },
    });

  it.each<[string, Features, JoinedChannel, ReturnType<typeof joinAlertPlan>]>([
    ['a matching channel', features({}), channel(), { alertsChannel: 'C0ALERTS', hideName: false }],
    ['a channel that does not match', features({}), channel({ name: 'random' }), undefined],
    ['the rule off', features({ isEnabled: false }), channel(), undefined],
    ['no alerts channel', features({ alertsChannel: null }), channel(), undefined],
    ['the alerts channel itself', features({}), channel({ channelId: 'C0ALERTS' }), undefined],
    [
      'a private channel, names shown',
      features({}),
      channel({ isPrivate: true }),
      { alertsChannel: 'C0ALERTS', hideName: false },
    ],
    [
      'a private channel, names hidden',
      features({}, true),
      channel({ isPrivate: true }),
      { alertsChannel: 'C0ALERTS', hideName: true },
    ],
    [
      'a public channel, names hidden',
      features({}, true),
      channel(),
      { alertsChannel: 'C0ALERTS', hideName: false },
    ],
  ])('%s', (_case, f, joined, expected) => {
    expect(joinAlertPlan(f, joined)).toEqual(expected);
  });
});
