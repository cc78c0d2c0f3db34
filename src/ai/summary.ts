/**
 * The card's **Summarise** (AI assist): a thread of at least this many messages (the opening
 * one, follow-ups grouped into it and the replies in its thread) is summarised; a shorter one
 * reads faster than a summary.
 */
export const SUMMARY_MIN_MESSAGES = 5;

/** Characters of a conversation sent at most: the newest part when it is longer. */
export const CONVERSATION_MAX_CHARS = 12_000;

/** A message of a conversation as a prompt shows it. */
export interface ConversationLine {
  from: 'customer' | 'agent';
  text: string;
  /** An agent's private note (never shown to the customer). */
  note?: boolean;
}

/** How many messages a request's thread holds: the opening, grouped follow-ups and replies. */
export function threadSize(request: {
  groupedTs: readonly string[];
  messageCounts: { incoming: number; outgoing: number };
}): number {
  return (
    1 + request.groupedTs.length + request.messageCounts.incoming + request.messageCounts.outgoing
  );
}

/**
 * The conversation as the prompts take it, one `Customer:`/`Agent:` line per message, oldest
 * first, cut to its newest `CONVERSATION_MAX_CHARS`.
 */
export function conversationText(lines: readonly ConversationLine[]): string {
  const text = lines
    .map(
      (l) =>
        `${l.from === 'customer' ? 'Customer' : l.note ? 'Agent (internal note)' : 'Agent'}: ${l.text.trim()}`,
    )
    .join('\n');
  return text.length <= CONVERSATION_MAX_CHARS ? text : `…${text.slice(-CONVERSATION_MAX_CHARS)}`;
}

/** What the clicker of Summarise is told: the summary, or why there is none. */
export function summaryReply(outcome: { summary: string } | 'too_short' | 'no_answer'): string {
  if (outcome === 'too_short') {
    return `:information_source: This thread has fewer than ${SUMMARY_MIN_MESSAGES} messages: nothing to summarise.`;
  }
  if (outcome === 'no_answer') {
    return ':warning: No summary now: the AI provider gave no usable answer (or this month’s AI budget is used). The thread is unchanged.';
  }
  return `:memo: *Summary* (AI, check the thread before acting on it):\n${outcome.summary}`;
}
