import { parseComment } from '../../../src/feedback/comment.js';

const ID = '6740c0ffee0123456789abcd';

describe('parseComment', () => {
  it('takes a comment of up to 2,000 characters, trimmed', () => {
    expect(parseComment({ requestId: ID, text: '  Quick and kind, thanks!\n' })).toEqual({
      ok: true,
      comment: { requestId: ID, text: 'Quick and kind, thanks!' },
    });
    expect(parseComment({ requestId: ID, text: 'x'.repeat(2000) }).ok).toBe(true);
  });

  it.each<[string, string | null | undefined, RegExp]>([
    [ID, 'x'.repeat(2001), /2000 characters/],
    [ID, '   ', /write a comment/],
    [ID, null, /write a comment/],
    ['forged', 'Fine', /no longer exists/],
  ])('refuses %s / %p, naming the comment field', (requestId, text, message) => {
    const parsed = parseComment({ requestId, text });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.comment).toMatch(message);
  });
});
