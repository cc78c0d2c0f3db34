/** Who wrote a message, as far as request tracking is concerned. */
export type SenderKind = 'customer' | 'agent' | 'ignored';

export interface SenderFacts {
  userId?: string;
  botId?: string;
  /**
   * The sender's Slack team, when known: the event's `user_team` / `team`, or Slack's answer
   * about the user. Some messages carry neither (a `file_share` has no `team`).
   */
  userTeamId?: string;
  workspaceTeamId: string;
  botUserId: string;
  /** Who opened the request this message belongs to, for a reply in its thread. */
  requesterId?: string;
  /** Slack Connect channel: the other organisation's people are the customers. */
  isExtShared: boolean;
  /** People known to be on the support side (workspace list and triage channel members). */
  internalUserIds: ReadonlySet<string>;
  whitelistedBots: readonly string[];
}

/** A verdict from the sender's identity alone, or `by_team` when only their team can tell. */
function byIdentity(facts: SenderFacts): SenderKind | 'by_team' {
  if (facts.userId && facts.userId === facts.botUserId) return 'ignored';
  if (facts.botId) return facts.whitelistedBots.includes(facts.botId) ? 'customer' : 'ignored';
  if (!facts.userId) return 'ignored';
  if (facts.userTeamId && facts.userTeamId !== facts.workspaceTeamId) return 'customer';
  if (facts.userId === facts.requesterId) return 'customer';
  if (facts.internalUserIds.has(facts.userId)) return 'agent';
  return facts.isExtShared ? 'by_team' : 'customer';
}

/**
 * Customers are people of another organisation, the requester of the thread they write in, and
 * (outside Slack Connect) everyone not on the support side. Agents are the support side: the
 * workspace's agents and the triage channel's members, and in Slack Connect channels anyone
 * Slack says is of the workspace's own team. A sender whose team is unknown is never taken for
 * an agent: the absence of a field is not evidence. Bots are ignored unless white-listed (then
 * they speak for a customer); the bot's own messages are always ignored.
 */
export function classifySender(facts: SenderFacts): SenderKind {
  const verdict = byIdentity(facts);
  if (verdict !== 'by_team') return verdict;
  return facts.userTeamId === facts.workspaceTeamId ? 'agent' : 'customer';
}

/** Whether the sender's team, missing from the facts, would decide who they are (ask Slack). */
export function senderTeamMatters(facts: SenderFacts): boolean {
  return facts.userTeamId === undefined && byIdentity(facts) === 'by_team';
}
