import { z } from 'zod';
import { escapeMrkdwn } from '../text/mrkdwn.js';

/**
 * Canned responses (issue 12, part 4): a workspace's saved replies, picked by a short code
 * (Chatwoot's `{short_code, content}`), posted into a request's thread by an agent with
 * `{{customer.name}}`, `{{agent.name}}` and `{{request.id}}` filled in. Pure: shapes and rules.
 */

/** The most responses a workspace keeps (a soft cap: two creates at once may pass it by one). */
export const MAX_CANNED_RESPONSES = 500;
export const MAX_CONTENT = 4_000;

/** What an agent types after `/triage reply`: lower-case letters, digits, `-` and `_`. */
export const ShortCode = z
  .string()
  .regex(/^[a-z0-9_-]{1,50}$/, 'lower-case letters, digits, - and _ (at most 50)');

const Content = z
  .string()
  .max(MAX_CONTENT, `at most ${MAX_CONTENT} characters`)
  .trim()
  .min(1, 'must not be empty');

/** `POST /api/v1/canned_responses`. */
export const CannedResponseCreate = z
  .strictObject({ short_code: ShortCode, content: Content })
  .meta({ id: 'CannedResponseCreate' });
export type CannedResponseCreate = z.infer<typeof CannedResponseCreate>;

/** `PATCH|PUT /api/v1/canned_responses/{id}`: either field or both. */
export const CannedResponseUpdate = z
  .strictObject({ short_code: ShortCode.optional(), content: Content.optional() })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'CannedResponseUpdate' });
export type CannedResponseUpdate = z.infer<typeof CannedResponseUpdate>;

/** What the placeholders stand for; unknown people are `undefined`. */
export interface TemplateValues {
  customer: { displayName?: string; realName?: string } | undefined;
  agentName: string | undefined;
  requestId: string;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/gi;

/**
 * A response's content with its placeholders filled in: `{{customer.name}}` is the requester's
 * Slack display name, else real name, else "there"; `{{agent.name}}` the person posting (else
 * "the support team"); `{{request.id}}` the id `/triage escalate` takes. Spaces inside the
 * braces are allowed; any other `{{…}}` stays as written. Values are mrkdwn-escaped, so a name
 * such as `<!channel>` cannot ping anyone.
 *
 * @example
 * fillTemplate('Hi {{ customer.name }}!', { customer: { displayName: 'Ada' }, agentName: 'Bo', requestId: 'r1' });
 * // 'Hi Ada!'
 */
export function fillTemplate(content: string, values: TemplateValues): string {
  const known: Record<string, string> = {
    'customer.name':
      values.customer?.displayName?.trim() || values.customer?.realName?.trim() || 'there',
    'agent.name': values.agentName?.trim() || 'the support team',
    'request.id': values.requestId,
  };
  return content.replace(PLACEHOLDER, (whole, name: string) => {
    const value = known[name.toLowerCase()];
    return value === undefined ? whole : escapeMrkdwn(value);
  });
}

/**
 * The codes to suggest for one that matched none: those containing what was typed or contained
 * in it, else those sharing its first letters, else every code; at most `max`, in order.
 *
 * @example
 * closeCodes('refnd', ['refund', 'refund-eu', 'hello']); // ['refund', 'refund-eu']
 */
export function closeCodes(typed: string, codes: readonly string[], max = 10): string[] {
  const wanted = typed.toLowerCase();
  const containing = codes.filter((code) => code.includes(wanted) || wanted.includes(code));
  if (containing.length) return containing.slice(0, max);
  for (let length = Math.min(wanted.length, 4); length >= 2; length -= 1) {
    const prefix = wanted.slice(0, length);
    const sharing = codes.filter((code) => code.startsWith(prefix));
    if (sharing.length) return sharing.slice(0, max);
  }
  return codes.slice(0, max);
}
