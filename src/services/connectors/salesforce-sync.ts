import { z } from 'zod';
import {
  caseTicketStatus,
  soqlDateTime,
  type CaseChange,
  type CaseCommentIn,
} from '../../connectors/crm-sync.js';
import { soqlString } from '../../connectors/crm.js';

/** A SOQL query's records. */
type Query = (soql: string) => Promise<unknown[]>;

/** At most this many changes a poll reads of each kind; the rest come with the next poll. */
const BATCH = 200;

const CaseRow = z.object({
  Id: z.string(),
  Status: z.string().nullable(),
  IsClosed: z.boolean(),
  LastModifiedDate: z.string(),
});
const CommentRow = z.object({
  Id: z.string(),
  ParentId: z.string(),
  CommentBody: z.string().nullable(),
  IsPublished: z.boolean(),
  CreatedById: z.string(),
  CreatedBy: z.object({ Name: z.string().nullable() }).nullable(),
  CreatedDate: z.string(),
});

/** The Cases the bot made (those with its External ID field set) changed at or after `since`. */
export async function changedCases(
  query: Query,
  externalIdField: string,
  since: Date,
): Promise<CaseChange[]> {
  const soql =
    `SELECT Id, Status, IsClosed, LastModifiedDate FROM Case WHERE ${externalIdField} != null ` +
    `AND LastModifiedDate >= ${soqlDateTime(since)} ORDER BY LastModifiedDate ASC LIMIT ${BATCH}`;
  const rows = z.array(CaseRow).parse(await query(soql));
  return rows.map((row) => ({
    id: row.Id,
    status: row.Status ?? '',
    ticketStatus: caseTicketStatus(row.Status ?? '', row.IsClosed),
    lastModified: new Date(row.LastModifiedDate),
  }));
}

/**
 * The CaseComments written at or after `since` on Cases the bot made, by anyone but `notBy`
 * (the connector's own user: its comments are the bot's, never sent back), oldest first.
 */
export async function newCaseComments(
  query: Query,
  externalIdField: string,
  since: Date,
  notBy: string,
): Promise<CaseCommentIn[]> {
  const soql =
    'SELECT Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedBy.Name, CreatedDate ' +
    `FROM CaseComment WHERE Parent.${externalIdField} != null ` +
    `AND CreatedDate >= ${soqlDateTime(since)} AND CreatedById != ${soqlString(notBy)} ` +
    `ORDER BY CreatedDate ASC LIMIT ${BATCH}`;
  const rows = z.array(CommentRow).parse(await query(soql));
  return rows.map((row) => ({
    id: row.Id,
    caseId: row.ParentId,
    body: row.CommentBody ?? '',
    published: row.IsPublished,
    authorId: row.CreatedById,
    authorName: row.CreatedBy?.Name ?? '',
    created: new Date(row.CreatedDate),
  }));
}
