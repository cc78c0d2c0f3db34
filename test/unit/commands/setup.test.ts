import type { SlackChannelInfo } from '../../../src/channels/channel.js';
import {
  joinNote,
  mayJoin,
  setupDone,
  setupRefusal,
  triageRefusal,
} from '../../../src/commands/setup.js';
import { tokenReplyText, tokenRole } from '../../../src/commands/token.js';

function info(overrides: Partial<SlackChannelInfo> = {}): SlackChannelInfo {
  return {
    id: 'C1',
    name: 'ext-acme',
    is_private: false,
    is_ext_shared: true,
    is_archived: false,
    is_member: true,
    ...overrides,
  };
}

describe('setupRefusal', () => {
  it.each<[string, string, SlackChannelInfo | undefined, RegExp | undefined]>([
    ['a direct message', 'D1', undefined, /in a channel, not in a direct message/],
    [
      'a channel Slack hides',
      'G1',
      undefined,
      /private and I'm not in it.*`\/triage setup customer` again/,
    ],
    ['an archived channel', 'C1', info({ is_archived: true }), /This channel is archived/],
    ['a usable channel', 'C1', info(), undefined],
  ])('%s', (_case, channelId, here, refusal) => {
    const answer = setupRefusal(channelId, here, 'customer');
    if (refusal) expect(answer).toMatch(refusal);
    else expect(answer).toBeUndefined();
  });
});

describe('triageRefusal', () => {
  const triage = info({ id: 'C2', name: 'support-triage' });
  it.each<
    [string, { id: string } | { name: string }, SlackChannelInfo | undefined, string | undefined]
  >([
    [
      'an unknown id',
      { id: 'C9' },
      undefined,
      ":warning: I can't find <#C9>. If it is private, run `/invite @Triage` there first. Nothing was changed.",
    ],
    [
      'an unknown name, escaped',
      { name: 'a<b' },
      undefined,
      ":warning: I can't find #a&lt;b. If it is private, run `/invite @Triage` there first. Nothing was changed.",
    ],
    [
      'an archived channel',
      { id: 'C2' },
      { ...triage, is_archived: true },
      ':warning: <#C2> is archived. Nothing was changed.',
    ],
    [
      'the same channel',
      { id: 'C1' },
      info(),
      ':warning: The triage channel must be another channel: requests are posted there for your team.',
    ],
    ['another live channel', { name: 'support-triage' }, triage, undefined],
  ])('%s', (_case, ref, found, answer) => {
    expect(triageRefusal('C1', ref, found)).toBe(answer);
  });
});

describe('mayJoin and joinNote', () => {
  it.each<[string, Partial<SlackChannelInfo>, boolean]>([
    ['a public channel the bot is not in', { is_member: false }, true],
    ['a private channel the bot is not in', { is_member: false, is_private: true }, false],
    ['a channel the bot is in', { is_member: true }, false],
  ])('%s: may join %s', (_case, overrides, expected) => {
    expect(mayJoin(info(overrides))).toBe(expected);
  });

  it('says whether the bot joined', () => {
    expect(joinNote('C2', true)).toBe('I joined <#C2>.');
    expect(joinNote('C2', false)).toBe(
      ":warning: I'm not in <#C2> and couldn't join it: run `/invite @Triage` there.",
    );
  });
});

describe('setupDone', () => {
  it.each<['customer' | 'triage', string | null, string]>([
    ['customer', 'C2', 'New requests here go to <#C2>.'],
    [
      'customer',
      null,
      'No triage channel yet: run `/triage setup customer #your-triage-channel` to route its requests.',
    ],
    [
      'triage',
      null,
      'In each customer channel, run `/triage setup customer #ext-acme` to send its requests here.',
    ],
  ])('a %s channel routed to %s', (kind, triageChannelId, routing) => {
    expect(setupDone(info(), kind, triageChannelId, ['I joined <#C2>.'])).toBe(
      `:white_check_mark: <#C1> is set up as a *${kind}* channel. ${routing}\nI joined <#C2>.`,
    );
  });
});

describe('tokenReplyText', () => {
  it('shows the secret once, with a ready-to-run example', () => {
    const text = tokenReplyText('tbt_secret');
    expect(text).toContain('```tbt_secret```');
    expect(text).toContain('curl -H "Authorization: Bearer tbt_secret"');
    expect(text).not.toContain("agent's");
  });

  it('tells an agent what their token may not do, and tries it on what it may', () => {
    const text = tokenReplyText('tbt_secret', 'agent');
    expect(text).toContain("It is an *agent's* token");
    expect(text).toContain('/api/v1/custom_attribute_definitions');
  });
});

describe('tokenRole', () => {
  it.each<[string, Parameters<typeof tokenRole>[0], ReturnType<typeof tokenRole>]>([
    ['a workspace admin', { team_id: 'T1', is_admin: true }, 'administrator'],
    ['the primary owner', { team_id: 'T1', is_primary_owner: true }, 'administrator'],
    ['a full member', { team_id: 'T1' }, 'agent'],
    ['a guest', { team_id: 'T1', is_restricted: true }, undefined],
    ['a single-channel guest', { team_id: 'T1', is_ultra_restricted: true }, undefined],
    ["a customer's person (Slack Connect)", { team_id: 'T0ACME' }, undefined],
    ['a bot', { team_id: 'T1', is_bot: true }, undefined],
    ['a deactivated admin', { team_id: 'T1', is_admin: true, deleted: true }, undefined],
    ['nobody Slack knows', undefined, undefined],
  ])('%s', (_who, user, role) => {
    expect(tokenRole(user, 'T1')).toBe(role);
  });
});
