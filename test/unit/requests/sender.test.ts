import {
  classifySender,
  senderTeamMatters,
  type SenderFacts,
  type SenderKind,
} from '../../../src/requests/sender.js';

const WORKSPACE = 'T0OURS';
const facts = (over: Partial<SenderFacts>): SenderFacts => ({
  workspaceTeamId: WORKSPACE,
  botUserId: 'U0BOT',
  isExtShared: true,
  internalUserIds: new Set(['U0AGENT']),
  whitelistedBots: ['B0FORMS'],
  ...over,
});

describe('classifySender', () => {
  it.each<[string, Partial<SenderFacts>, SenderKind, boolean]>([
    // case, facts, who they are, whether asking Slack for their team would help
    ['the bot itself', { userId: 'U0BOT' }, 'ignored', false],
    ['another bot', { botId: 'B0OTHER' }, 'ignored', false],
    ['a white-listed bot', { botId: 'B0FORMS' }, 'customer', false],
    ['no author at all', {}, 'ignored', false],
    ['a person of another org', { userId: 'U0C', userTeamId: 'T0ACME' }, 'customer', false],
    ['an agent, no team given', { userId: 'U0AGENT' }, 'agent', false],
    ['an agent in a Connect event', { userId: 'U0AGENT', userTeamId: WORKSPACE }, 'agent', false],
    [
      'the requester in their thread, no team given (a file_share)',
      { userId: 'U0C', requesterId: 'U0C' },
      'customer',
      false,
    ],
    [
      'someone unknown, no team given: never an agent for a missing field',
      { userId: 'U0C' },
      'customer',
      true,
    ],
    [
      'a colleague Slack places in our team',
      { userId: 'U0CSM', userTeamId: WORKSPACE },
      'agent',
      false,
    ],
    [
      'outside Slack Connect, anyone not on the support side',
      { userId: 'U0C', isExtShared: false },
      'customer',
      false,
    ],
    [
      'outside Slack Connect, even of our own team',
      { userId: 'U0C', userTeamId: WORKSPACE, isExtShared: false },
      'customer',
      false,
    ],
  ])('classifies %s', (_case, over, kind, teamMatters) => {
    expect(classifySender(facts(over))).toBe(kind);
    expect(senderTeamMatters(facts(over))).toBe(teamMatters);
  });
});
