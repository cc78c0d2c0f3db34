import { RequestDocument, type Models } from '../models/index.js';

/** What the dashboard's overview reads of a request: its times, status, SLA marks and rating. */
export const RequestFacts = RequestDocument.pick({
  createdAt: true,
  firstResponseAt: true,
  closedAt: true,
  status: true,
}).extend({
  sla: RequestDocument.shape.sla.pick({ responseBreachedAt: true, closureBreachedAt: true }),
  feedback: RequestDocument.shape.feedback,
});
export type RequestFacts = typeof RequestFacts._output;

/** More than this many requests in one window are not read (the overview says so). */
export const FACTS_LIMIT = 20_000;

/** The facts of a workspace's requests created in `[since, until)`, oldest first. */
export async function requestFacts(
  models: Pick<Models, 'requests'>,
  teamId: string,
  since: Date,
  until: Date,
): Promise<RequestFacts[]> {
  const docs = await models.requests
    .find(
      { teamId, createdAt: { $gte: since, $lt: until } },
      {
        createdAt: 1,
        firstResponseAt: 1,
        closedAt: 1,
        status: 1,
        'sla.responseBreachedAt': 1,
        'sla.closureBreachedAt': 1,
        feedback: 1,
      },
    )
    .sort({ createdAt: 1 })
    .limit(FACTS_LIMIT)
    .lean();
  return docs.map((doc) => RequestFacts.parse(doc));
}
