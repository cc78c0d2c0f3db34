import { alreadyCommented } from '../../../src/connectors/comments.js';

const comment = { body: 'Customer <@U1> in Slack:\n\nAny news?', public: true };

describe('alreadyCommented', () => {
  it.each([
    ['the newest of ours is it', ['Earlier', comment.body], true],
    ['it, with the vendor’s whitespace', ['Customer <@U1> in Slack:\nAny news? '], true],
    ['an older one of ours is it, the newest another', [comment.body, 'Later'], false],
    ['none of ours', [], false],
  ])('%s → %s', (_, ours, expected) => {
    expect(alreadyCommented(comment, ours)).toBe(expected);
  });
});
