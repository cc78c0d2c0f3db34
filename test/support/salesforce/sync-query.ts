import type { SalesforceComment, SalesforceRecord } from './simulator.js';

/**
 * SOQL as the bot's poll writes it: changed Cases with the External ID field set
 * (`LastModifiedDate >= <date-time>`), and CaseComments on such Cases not by a given user
 * (`CreatedDate >= <date-time> AND CreatedById != '…'`), oldest first.
 */
export function syncQuery(
  soql: string,
  allCases: readonly SalesforceRecord[],
  allComments: readonly SalesforceComment[],
): [number, unknown] {
  const cases =
    /^SELECT Id, Status, IsClosed, LastModifiedDate FROM Case WHERE Triage_Request_Id__c != null AND LastModifiedDate >= (\S+Z) ORDER BY LastModifiedDate ASC LIMIT (\d+)$/.exec(
      soql,
    );
  const since = (at: string | number | boolean | null | undefined, from: string) =>
    Date.parse(String(at).replace('+0000', 'Z')) >= Date.parse(from);
  if (cases) {
    const [, from, limit] = cases as unknown as [string, string, string];
    const records = allCases
      .filter((c) => since(c.LastModifiedDate, from))
      .sort((a, b) => String(a.LastModifiedDate).localeCompare(String(b.LastModifiedDate)))
      .slice(0, Number(limit))
      .map((c) => ({
        attributes: { type: 'Case' },
        Id: c.Id,
        Status: c.Status ?? null,
        IsClosed: c.IsClosed === true,
        LastModifiedDate: c.LastModifiedDate,
      }));
    return [200, { totalSize: records.length, done: true, records }];
  }
  const comments =
    /^SELECT Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedBy\.Name, CreatedDate FROM CaseComment WHERE Parent\.Triage_Request_Id__c != null AND CreatedDate >= (\S+Z) AND CreatedById != '(\w+)' ORDER BY CreatedDate ASC LIMIT (\d+)$/.exec(
      soql,
    );
  if (!comments) {
    return [400, [{ message: `unexpected query: ${soql}`, errorCode: 'MALFORMED_QUERY' }]];
  }
  const [, from, notBy, limit] = comments as unknown as [string, string, string, string];
  const records = allComments
    .filter((c) => since(c.CreatedDate, from) && c.CreatedById !== notBy)
    .filter((c) => allCases.find((k) => k.Id === c.ParentId)?.Triage_Request_Id__c)
    .slice(0, Number(limit))
    .map((c) => ({
      attributes: { type: 'CaseComment' },
      Id: c.id,
      ParentId: c.ParentId,
      CommentBody: c.CommentBody,
      IsPublished: c.IsPublished,
      CreatedById: c.CreatedById,
      CreatedBy: { attributes: { type: 'User' }, Name: c.CreatedByName },
      CreatedDate: c.CreatedDate,
    }));
  return [200, { totalSize: records.length, done: true, records }];
}
