import type { RequestDoc } from '../../db/models/index.js';
import { ReportRollupStore } from '../../db/repositories/report-rollups.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { RequestHooks } from '../../deps.js';
import { deltaBetween } from '../../reports/contributions.js';
import { RequestFacts, requestFacts } from '../../reports/facts.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { contextOfChannel, reportContext, type ReportDeps } from './context.js';

/** Claims lost to other writers before giving up (the next change, or a rebuild, catches up). */
const MAX_ATTEMPTS = 5;

const parseFacts = (json: string | null): RequestFacts | null =>
  json === null ? null : RequestFacts.parse(JSON.parse(json));

/**
 * Brings the rollups in step with a request after a write: reads it (or takes it as `known`
 * when the caller holds it as written, with its channel's context), computes its facts and,
 * when they differ from the facts last counted (`reportFacts`), claims the change with a
 * compare-and-set and adds the difference with one bulk `$inc`. Whichever writer claims counts
 * exactly the change from the previous claim, so the rollups always equal the sum of the counted
 * facts. A crash between the claim and the `$inc` loses that change until `reports rebuild`.
 * Never throws: the reports must not stop a request's life (failures are logged).
 */
export async function countRequest(
  deps: ReportDeps,
  id: RequestDoc['_id'],
  known?: { request?: RequestDoc; channel: ChannelContext },
): Promise<void> {
  try {
    const rollups = new ReportRollupStore(deps.models);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const request =
        attempt === 0 && known?.request
          ? known.request
          : await new RequestStore(deps.models).byId(String(id));
      if (!request) return;
      const ctx = known
        ? await contextOfChannel(deps, known.channel)
        : await reportContext(deps, request.teamId, request.channelId);
      const facts = requestFacts(request, ctx);
      const json = JSON.stringify(facts);
      if (json === request.reportFacts) return;
      if (!(await rollups.claimFacts(request._id, request.reportFacts, json))) continue;
      await rollups.add(request.teamId, deltaBetween(parseFacts(request.reportFacts), facts));
      return;
    }
  } catch (error) {
    deps.logger.warn({ err: error, requestId: String(id) }, 'report rollups not updated');
  }
}

/**
 * The reports' request hooks, last in the list: after every moment that changes what a request
 * counts (opening, status, assignee, replies, attributes) the rollups take the difference. On
 * opening and on a status or assignee change the request is read again (the SLA hooks before
 * this one may have started a clock); the other moments hand the request as just written. SLA
 * breaches and feedback call `countRequest` where they are recorded.
 */
export const reportHooks: RequestHooks = {
  created: (deps, channel, request) => countRequest(deps, request._id, { channel }),
  changed: (deps, channel, _before, after) => countRequest(deps, after._id, { channel }),
  agentReplied: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  customerWrote: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  messageCreated: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  updated: (deps, channel, after) => countRequest(deps, after._id, { request: after, channel }),
};
