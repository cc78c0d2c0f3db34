/**
 * Knowledge-base answers to a new request (issue 16, part 3): who may answer the suggestion's
 * buttons and what a click does. Pure.
 */

/** The claim that makes a request's suggestions post once, whatever Slack redelivers. */
export const suggestionKey = (requestId: string): string => `kb_suggest:${requestId}`;

/** The close reason of a request a knowledge-base article solved. */
export const DEFLECTED = 'deflected';

/** What a click on a suggestion's button does. */
export type KbAnswer = 'solved' | 'need_help';

/**
 * Whether this person may answer a suggestion: the requester, or someone of the support side
 * (an agent); anyone else in the channel is refused, so a bystander cannot close the request.
 */
export function mayAnswer(userId: string, requesterId: string, isAgent: boolean): boolean {
  return userId === requesterId || isAgent;
}

/** What the person who clicked is told when they may not answer. */
export const ONLY_REQUESTER_OR_AGENT =
  'Only the person who asked (or an agent) can answer these suggestions.';
