/**
 * Comments the bot writes on helpdesk tickets (issue 14), made once however often a task is
 * tried. Pure.
 */

/** A comment the bot writes on a ticket. */
export interface TicketComment {
  body: string;
  public: boolean;
}

/** What makes a comment's retries make it once: the task's key, and whether it was tried. */
export interface CommentOnce {
  key: string;
  retried: boolean;
}

/**
 * The bot's comment is already on the ticket: the newest the bot wrote there says the same
 * (whitespace aside). What a retry after an ambiguous failure checks before writing again.
 */
export function alreadyCommented(comment: TicketComment, ours: readonly string[]): boolean {
  const plain = (text: string) => text.replace(/\s+/g, '');
  const newest = ours.at(-1);
  return newest !== undefined && plain(newest) === plain(comment.body);
}
