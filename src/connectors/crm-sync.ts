/**
 * Case changes made in Salesforce coming back to Slack (issue 14). Pure: what a polled Case
 * change or CaseComment is, the SOQL date-time a cursor is written as, and which ticket status
 * (in the helpdesks' vocabulary, `connectors/status.ts`) a Case's status means.
 */

/** A Case the bot made, as a poll reads it. */
export interface CaseChange {
  id: string;
  /** The CRM's own: a Case's Status, a HubSpot ticket's pipeline stage. */
  status: string;
  /** What it means in the helpdesks' vocabulary (`caseTicketStatus`, `stageTicketStatus`). */
  ticketStatus: string;
  lastModified: Date;
}

/** A CaseComment written in Salesforce. */
export interface CaseCommentIn {
  id: string;
  caseId: string;
  body: string;
  published: boolean;
  authorId: string;
  authorName: string;
  created: Date;
}

/** Where a workspace's Salesforce poll has got to (Salesforce's own clock). */
export interface CaseSyncCursor {
  casesSince: Date;
  commentsSince: Date;
}

/**
 * A SOQL date-time literal (`2026-11-30T14:25:18Z`): whole seconds, rounded down, so a poll
 * asking `>=` it sees again the changes of the cursor's own second rather than missing any.
 */
export const soqlDateTime = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

/**
 * The ticket status a Case's means (`requestMoveForTicket`): a closed one (`IsClosed`, whatever
 * the org's picklist calls it) closes the request, `New` moves nothing, any other live status
 * (Working, Escalated, …) means worked on (and reopens a closed request).
 */
export function caseTicketStatus(status: string, isClosed: boolean): string {
  if (isClosed) return 'closed';
  return status === 'New' ? 'new' : 'open';
}

/** The later of a cursor and what a poll read (a poll that read nothing keeps the cursor). */
export const advance = (since: Date, seen: readonly Date[]): Date =>
  seen.reduce((latest, at) => (at > latest ? at : latest), since);
