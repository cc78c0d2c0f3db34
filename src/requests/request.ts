import { z } from 'zod';

/** Where a request is in its life. */
export const RequestStatus = z.enum(['open', 'in_progress', 'on_hold', 'closed', 'discarded']);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** One entry of a request's append-only history. */
export const HistoryEntry = z.object({
  at: z.date(),
  /** `status`, `assign`, `first_response`, `edit`, `reopen`, `feedback`, `sla_breach`, … */
  type: z.string(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  /** Which field changed, for entries about one of several (a category's name). */
  field: z.string().optional(),
  /** Why, for a close with a reason (`deflected`: a knowledge-base answer solved it). */
  reason: z.string().optional(),
  /** Who did it: a Slack user id, or `bot` for automation. */
  by: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What the lifecycle rules read of a request. */
export interface RequestState {
  status: RequestStatus;
  assigneeId: string | null;
  firstResponseAt: Date | null;
  requesterId: string;
}

/** Where a request came from: a Slack message, an e-mail (issue 15) or the web form (issue 12). */
export const RequestSource = z.enum(['slack', 'email', 'web']);
export type RequestSource = z.infer<typeof RequestSource>;
