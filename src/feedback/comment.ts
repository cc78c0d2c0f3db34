import { z } from 'zod';

/** The longest comment stored. */
export const MAX_COMMENT_LENGTH = 2000;
/** The name errors of a comment are reported under (the modal's input block uses it as its id). */
export const COMMENT_FIELD = 'comment';
/** A request id as stored: 24 hex digits. */
const REQUEST_ID = /^[0-9a-f]{24}$/;

/** The comment modal's submission, as validated before anything is stored. */
export const FeedbackComment = z.object({
  requestId: z.string().regex(REQUEST_ID, 'This request no longer exists.'),
  text: z
    .string()
    .trim()
    .min(1, 'Please write a comment, or press Skip.')
    .max(MAX_COMMENT_LENGTH, `Please keep your comment to ${MAX_COMMENT_LENGTH} characters.`),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

/** Validates a submission; on failure, the error keyed by {@link COMMENT_FIELD}. */
export function parseComment(input: {
  requestId: string | undefined;
  text: string | null | undefined;
}): { ok: true; comment: FeedbackComment } | { ok: false; errors: Record<string, string> } {
  const parsed = FeedbackComment.safeParse({ ...input, text: input.text ?? '' });
  if (parsed.success) return { ok: true, comment: parsed.data };
  return { ok: false, errors: { [COMMENT_FIELD]: parsed.error.issues[0]?.message ?? 'Invalid' } };
}

/** Refusal shown to anyone but the requester who clicks a rating or comment button. */
export const ONLY_REQUESTER = 'Only the person who asked can rate this.';

/** Whether `requestId` names a request at all: ids are 24 hex digits, anything else is forged. */
export function isRequestId(requestId: string | undefined): requestId is string {
  return requestId !== undefined && REQUEST_ID.test(requestId);
}
