import { nestKey, quoteHint } from '../../../src/commands/config.js';
import type { ErrorDetail } from '../../../src/errors.js';

describe('nestKey', () => {
  it('nests a dotted key around the value', () => {
    expect(nestKey('requests.config.send_feedback', true)).toEqual({
      requests: { config: { send_feedback: true } },
    });
    expect(nestKey('csat_send_for', 'REQUEST')).toEqual({ csat_send_for: 'REQUEST' });
  });

  it('makes __proto__ an own key, never a prototype write', () => {
    const body = nestKey('__proto__.polluted', true);
    expect(Object.keys(body)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });
});

describe('quoteHint', () => {
  const wantsText: ErrorDetail[] = [
    { loc: ['body', 'x'], msg: 'Invalid input: expected string, received number', type: 'x' },
  ];
  const other: ErrorDetail[] = [{ loc: ['body', 'x'], msg: 'Too big', type: 'too_big' }];

  it.each<[string, ErrorDetail[], unknown, string | undefined]>([
    [
      'a number for text',
      wantsText,
      15,
      '\nTo set text that looks like a number or true/false, quote it: `"15"`',
    ],
    [
      'a boolean for text',
      wantsText,
      true,
      '\nTo set text that looks like a number or true/false, quote it: `"true"`',
    ],
    ['an array for text', wantsText, ['x'], undefined],
    ['another failure', other, 15, undefined],
  ])('%s: %p', (_case, detail, value, hint) => {
    expect(quoteHint(detail, value)).toBe(hint);
  });
});
