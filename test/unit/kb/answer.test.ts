import { mayAnswer, suggestionKey } from '../../../src/kb/answer.js';

describe('mayAnswer', () => {
  it.each<[string, string, boolean, boolean]>([
    ['the requester', 'U0CAROL', false, true],
    ['an agent (support side)', 'U0ALICE', true, true],
    ['another customer in the channel', 'U0DAVE', false, false],
  ])('%s → %s', (_who, user, isAgent, expected) => {
    expect(mayAnswer(user, 'U0CAROL', isAgent)).toBe(expected);
  });
});

describe('suggestionKey', () => {
  it('is one claim per request', () => {
    expect(suggestionKey('65f0c0ffee0000000000abcd')).toBe('kb_suggest:65f0c0ffee0000000000abcd');
  });
});
