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
 * Counting a request as it opens, in two steps around its insert: `facts` (for
 * `RequestStore.create`) works out what the request counts as it will be stored, so the insert
 * records them as counted (no compare-and-set after it); `count` then adds them to the rollups,
 * once, by the delivery whose insert created the request (a redelivery finds them counted).
 * Undefined when the channel's report context cannot be had: the `created` hook counts then.
 */
export async function openingCount(
  deps: ReportDeps,
  channel: ChannelContext,
): Promise<
  | { facts: (request: RequestDoc) => string; count: (request: RequestDoc) => Promise<void> }
  | undefined
> {
  try {
    const ctx = await contextOfChannel(deps, channel);
    return {
      facts: (request) => JSON.stringify(requestFacts(request, ctx)),
      count: async (request) => {
        try {
          const rollups = new ReportRollupStore(deps.models);
          await rollups.add(request.teamId, deltaBetween(null, parseFacts(request.reportFacts)));
        } catch (error) {
          deps.logger.warn(
            { err: error, requestId: String(request._id) },
            'report rollups not updated',
          );
        }
      },
    };
  } catch (error) {
    deps.logger.warn({ err: error }, 'report context not read; the opening is counted by its hook');
    return undefined;
  }
}

/**
 * The reports' request hooks, last in the list: after every moment that changes what a request
 * counts (opening, status, assignee, replies, attributes) the rollups take the difference. On a
 * status or assignee change the request is read again (the SLA hooks before this one may have
 * paused, resumed or ended a clock); the other moments hand the request as just written (an
 * opening carries its SLA clocks: intake stores them with it). A hook before this one that
 * changed the request meanwhile counted its change, so the compare-and-set here fails and the
 * request is read again. SLA breaches and feedback call `countRequest` where they are recorded.
 */
export const reportHooks: RequestHooks = {
  created: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  changed: (deps, channel, _before, after) => countRequest(deps, after._id, { channel }),
  agentReplied: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  customerWrote: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  messageCreated: (deps, channel, request) => countRequest(deps, request._id, { request, channel }),
  updated: (deps, channel, after) => countRequest(deps, after._id, { request: after, channel }),
};
