import { z } from 'zod';
import type { InboundEvent } from './connector.js';

/**
 * Linear's webhooks: the events the bot reads and how Linear's workflow state types meet the
 * status mapping's words. Each call is signed `Linear-Signature: <hex HMAC-SHA256 of the body>`
 * with the webhook's secret and carries `webhookTimestamp` (ms) in the signed body; checking
 * both is the SDK's (`services/connectors/inbound.ts`).
 */

export const LINEAR_SIGNATURE_HEADER = 'linear-signature';

/** The status mapping's word for each workflow state type (`triage`, `backlog`: not started). */
const WORD_OF_TYPE: Readonly<Record<string, string>> = {
  triage: 'new',
  backlog: 'new',
  unstarted: 'new',
  started: 'open',
  completed: 'solved',
  canceled: 'closed',
};

/** The workflow state type each of the status mapping's words asks for. */
export const LINEAR_STATE_TYPE_OF: Readonly<Record<string, string>> = {
  new: 'unstarted',
  open: 'started',
  pending: 'started',
  hold: 'started',
  solved: 'completed',
  closed: 'completed',
};

/** An issue's identifier (`ENG-12`) from its URL, `https://linear.app/<org>/issue/ENG-12/…`. */
export function identifierFromUrl(url: string | undefined): string | undefined {
  return url ? /\/issue\/([A-Za-z0-9]+-\d+)(?:[/#?]|$)/.exec(url)?.[1] : undefined;
}

const CommentCreated = z.object({
  type: z.literal('Comment'),
  action: z.literal('create'),
  url: z.string().optional(),
  actor: z.object({ id: z.string(), name: z.string().default('') }).optional(),
  data: z.object({
    id: z.string(),
    body: z.string(),
    userId: z.string().optional(),
    user: z.object({ id: z.string(), name: z.string().default('') }).optional(),
    issue: z.object({ identifier: z.string().optional(), url: z.string().optional() }).optional(),
  }),
});

const IssueUpdated = z.object({
  type: z.literal('Issue'),
  action: z.literal('update'),
  url: z.string().optional(),
  data: z.object({
    identifier: z.string().optional(),
    state: z.object({ name: z.string(), type: z.string() }),
  }),
  updatedFrom: z.object({ stateId: z.string().optional() }).optional(),
});

/**
 * What a verified Linear event asks of the bot: a comment created (every Linear comment is
 * public to the workspace) or an issue's workflow state changed (as the status mapping's word);
 * other events, and updates that leave the state, are nothing.
 */
export function parseLinearEvent(body: unknown): InboundEvent | null {
  const comment = CommentCreated.safeParse(body);
  if (comment.success) {
    const { data, url, actor } = comment.data;
    const ticketId =
      data.issue?.identifier ?? identifierFromUrl(data.issue?.url) ?? identifierFromUrl(url);
    const authorId = data.userId ?? data.user?.id ?? actor?.id;
    if (!ticketId || !authorId) return null;
    return {
      kind: 'comment',
      ticketId,
      commentId: data.id,
      body: data.body,
      authorId,
      authorName: data.user?.name ?? actor?.name ?? '',
      public: true,
    };
  }
  const updated = IssueUpdated.safeParse(body);
  if (!updated.success || !updated.data.updatedFrom?.stateId) return null;
  const { data, url } = updated.data;
  const ticketId = data.identifier ?? identifierFromUrl(url);
  const status = WORD_OF_TYPE[data.state.type];
  return ticketId && status ? { kind: 'status', ticketId, status } : null;
}
