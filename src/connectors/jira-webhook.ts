import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { InboundEvent } from './connector.js';

/**
 * Jira Cloud's admin webhooks: signed with the secret set when the webhook was registered
 * (`X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>`), and the issue events the bot reads.
 */

export const JIRA_SIGNATURE_HEADER = 'x-hub-signature';

/** The signature Jira sends for `body`. */
export function jiraSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Why a webhook call is refused, or undefined when it carries the webhook's signature. */
export function refuseJiraCall(
  secret: string | undefined,
  signature: string | undefined,
  body: string,
): string | undefined {
  if (!secret) return 'the connector has no webhook_secret, so no call can be verified';
  if (!signature) return 'the signature header is missing';
  const expected = Buffer.from(jiraSignature(secret, body));
  const given = Buffer.from(signature);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? undefined : 'the signature does not match';
}

/** Jira's status categories in the words the status mapping reads (Zendesk's). */
const CATEGORY_STATUS: Readonly<Record<string, string>> = {
  new: 'new',
  indeterminate: 'open',
  done: 'solved',
};

/** The text of a comment body: a plain string, or Atlassian Document Format's text nodes. */
export function adfText(body: unknown): string {
  if (typeof body === 'string') return body;
  const texts: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 20) return;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof text === 'string') texts.push(text);
    if (Array.isArray(content)) content.forEach((child) => walk(child, depth + 1));
    if (type === 'paragraph') texts.push('\n');
  };
  walk(body, 0);
  return texts.join('').trim();
}

const CommentCreated = z.object({
  webhookEvent: z.literal('comment_created'),
  issue: z.object({ key: z.string() }),
  comment: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    body: z.unknown(),
    author: z.object({ accountId: z.string(), displayName: z.string().default('') }),
    jsdPublic: z.boolean().default(true),
  }),
});
const IssueUpdated = z.object({
  webhookEvent: z.literal('jira:issue_updated'),
  issue: z.object({
    key: z.string(),
    fields: z.object({
      status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) }),
    }),
  }),
  changelog: z.object({ items: z.array(z.object({ field: z.string() })) }).optional(),
});

/**
 * What a verified Jira event asks of the bot: a comment added (`jsdPublic` false: an internal
 * note of Jira Service Management), or a status changed (its category, as Zendesk's words).
 */
export function parseJiraEvent(body: unknown): InboundEvent | null {
  const comment = CommentCreated.safeParse(body);
  if (comment.success) {
    const { issue, comment: c } = comment.data;
    return {
      kind: 'comment',
      ticketId: issue.key,
      commentId: c.id,
      body: adfText(c.body),
      authorId: c.author.accountId,
      authorName: c.author.displayName,
      public: c.jsdPublic,
    };
  }
  const updated = IssueUpdated.safeParse(body);
  if (!updated.success) return null;
  const { issue, changelog } = updated.data;
  if (!changelog?.items.some((item) => item.field === 'status')) return null;
  const status = CATEGORY_STATUS[issue.fields.status.statusCategory.key];
  return status ? { kind: 'status', ticketId: issue.key, status } : null;
}
