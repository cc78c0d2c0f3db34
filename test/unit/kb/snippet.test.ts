import { snippetOf } from '../../../src/kb/snippet.js';

describe('snippetOf', () => {
  const content =
    'Our plans are billed monthly. To reset your password, open Settings and choose Security. ' +
    'Passwords must have twelve characters!  Contact us if the link expired.';

  it.each<[string, string, number | undefined, string]>([
    [
      'the sentence sharing the most words',
      'reset my password',
      undefined,
      'To reset your password, open Settings and choose Security.',
    ],
    [
      'stemmed words count (passwords ~ password)',
      'how many characters in a password',
      undefined,
      'Passwords must have twelve characters!',
    ],
    [
      'the first sentence when none shares a word',
      'weather',
      undefined,
      'Our plans are billed monthly.',
    ],
    ['cut at a word boundary with …', 'reset my password', 30, 'To reset your password, open…'],
  ])('%s', (_name, query, max, expected) => {
    expect(snippetOf(content, query, max)).toBe(expected);
  });

  it('is empty for empty content', () => {
    expect(snippetOf('', 'anything')).toBe('');
  });
});
