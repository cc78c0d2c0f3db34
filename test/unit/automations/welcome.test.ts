import {
  customerByProfile,
  customerByTeam,
  keepsWelcomeClaim,
  welcomeMessage,
  type JoinerProfile,
} from '../../../src/automations/welcome.js';

describe('welcomeMessage', () => {
  it.each<[string, boolean, string, string | undefined]>([
    ['customer', true, 'Hello!', 'Hello!'],
    ['customer', false, 'Hello!', undefined], // switched off
    ['customer', true, '   ', undefined], // nothing to say
    ['triage', true, 'Hello!', undefined], // only customer channels
    ['internal', true, 'Hello!', undefined],
  ])('a %s channel, on %s, message %p: %p', (kind, on, message, expected) => {
    const config = { should_send_welcome_message: on, welcome_message: message };
    expect(welcomeMessage(kind, config)).toBe(expected);
  });
});

describe('customerByProfile', () => {
  const shared = { teamId: 'T1', isExtShared: true };
  const unshared = { teamId: 'T1', isExtShared: false };
  it.each<[string, JoinerProfile, typeof shared, boolean | 'undecided']>([
    ['a bot', { is_bot: true, team_id: 'T2' }, shared, false],
    ['a deactivated account', { deleted: true, team_id: 'T2' }, shared, false],
    ['someone from another team', { team_id: 'T2' }, shared, true],
    ['someone from another team, unshared channel', { team_id: 'T2' }, unshared, true],
    ['our own person in a shared channel', { team_id: 'T1' }, shared, false],
    ['our own person in an unshared channel', { team_id: 'T1' }, unshared, 'undecided'],
    ['a profile without team', {}, unshared, 'undecided'],
  ])('%s: %s', (_who, user, channel, expected) => {
    expect(customerByProfile(user, channel)).toBe(expected);
  });
});

describe('customerByTeam', () => {
  it.each<[string, string[], boolean, boolean | undefined, boolean | undefined]>([
    ['listed as internal', ['U1'], true, undefined, false],
    ['no triage channel', [], false, undefined, true],
    ['in the triage channel', [], true, true, false],
    ['not in the triage channel', [], true, false, true],
    ['Slack would not say', [], true, undefined, undefined],
  ])('%s: %p', (_case, internalUserIds, hasTriageChannel, inTriage, expected) => {
    expect(customerByTeam({ userId: 'U1', internalUserIds, hasTriageChannel, inTriage })).toBe(
      expected,
    );
  });
});

describe('keepsWelcomeClaim', () => {
  it.each<[string | undefined, boolean]>([
    ['user_not_in_channel', true], // they left: greeted as far as Slack allows
    ['ratelimited', false],
    ['channel_not_found', false],
    [undefined, false],
  ])('after %s: %s', (slackError, expected) => {
    expect(keepsWelcomeClaim(slackError)).toBe(expected);
  });
});
