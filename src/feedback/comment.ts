import { z } from 'zod';
import { COMMENT_BLOCK, MAX_COMMENT_LENGTH } from '../slack/blocks/feedback-comment.js';

/** The comment modal's submission, as validated before anything is stored. */
export const FeedbackComment = z.object({
  requestId: z.string().regex(/^[0-9a-f]{24}$/, 'This request no longer exists.'),
  text: z
    .string()
    .trim()
    .min(1, 'Please write a comment, or press Skip.')
    .max(MAX_COMMENT_LENGTH, `Please keep your comment to ${MAX_COMMENT_LENGTH} characters.`),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

/** Validates a submission; on failure, the modal's errors keyed by the input's block id. */
export function parseComment(input: {
  requestId: string | undefined;
  text: string | null | undefined;
}): { ok: true; comment: FeedbackComment } | { ok: false; errors: Record<string, string> } {
  const parsed = FeedbackComment.safeParse({ ...input, text: input.text ?? '' });
  if (parsed.success) return { ok: true, comment: parsed.data };
  return { ok: false, errors: { [COMMENT_BLOCK]: parsed.error.issues[0]?.message ?? 'Invalid' } };
}

/** Refusal shown to anyone but the requester who clicks a rating or comment button. */
export const ONLY_REQUESTER = 'Only the person who asked can rate this.';

/** Whether `requestId` names a request at all: ids are 24 hex digits, anything else is forged. */
export function isRequestId(requestId: string | undefined): requestId is string {
  return requestId !== undefined && /^[0-9a-f]{24}$/.test(requestId);
}
