import type { ErrorDetail } from '../errors.js';

/**
 * The nested `update` body for one flattened key. Own properties are defined rather than
 * assigned, so a segment such as `__proto__` is an unknown setting (as in the HTTP API's parsed
 * JSON), never a prototype write.
 *
 * @example
 * nestKey('requests.config.send_feedback', true); // { requests: { config: { send_feedback: true } } }
 */
export function nestKey(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<unknown>(
    (inner, part) =>
      Object.defineProperty({}, part, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      }),
    value,
  ) as Record<string, unknown>;
}

/**
 * The hint added when `config set` was refused because a text setting got a number or boolean:
 * `15` and `true` parse as JSON, so text that looks like that must be quoted. Undefined otherwise.
 *
 * @example
 * quoteHint([{ loc: ['x'], msg: 'Invalid input: expected string, received number', type: 'x' }], 15);
 * // '\nTo set text that looks like a number or true/false, quote it: `"15"`'
 */
export function quoteHint(detail: readonly ErrorDetail[], value: unknown): string | undefined {
  const wantsText = detail.some((d) => d.msg.includes('expected string'));
  if (!wantsText || (typeof value !== 'number' && typeof value !== 'boolean')) return undefined;
  return `\nTo set text that looks like a number or true/false, quote it: \`"${value}"\``;
}
