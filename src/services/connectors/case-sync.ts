import { VendorError } from '../../connectors/connector.js';
import type { CrmClient } from '../../connectors/crm.js';
import { advance, type CaseChange, type CaseCommentIn } from '../../connectors/crm-sync.js';
import type { ConnectorDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { CrmCases } from '../../db/repositories/crm-cases.js';
import type { BotDeps } from '../../deps.js';
import { postComment, ticketMoved } from './inbound.js';
import { crmOf } from './manage.js';

/** How long one instance holds a connector's poll (a crashed poll is taken over after it). */
const LEASE_MS = 5 * 60_000;

/**
 * Polls every CRM connector (Salesforce, HubSpot) for what changed there since its cursor
 * (Salesforce has no per-record webhook without setup in the org; HubSpot's webhooks may be
 * missed): Cases (tickets) the bot made whose status (stage) changed move their requests (their
 * additional fields read again), and agents' published CaseComments (notes) are posted in the
 * requests' threads; what differs per CRM is the client's `changedCases` and `newComments`. Each connector's poll is leased (two instances never poll one
 * at once) and its cursor is stored, so a restart goes on where it stopped; a failed poll keeps
 * the cursor and is tried next time.
 */
export async function pollSalesforce(deps: BotDeps): Promise<{ polled: number; failed: number }> {
  const store = new ConnectorStore(deps.models);
  let polled = 0;
  let failed = 0;
  const connectors = [
    ...(await store.allOfType('salesforce')),
    ...(await store.allOfType('hubspot')),
  ];
  for (const connector of connectors) {
    if (!(await store.leaseCaseSync(connector, deps.clock.now(), LEASE_MS))) continue;
    try {
      await store.endCaseSync(connector, await pollOne(deps, connector));
      polled++;
    } catch (error) {
      failed++;
      await store.endCaseSync(connector, null);
      const vendor = error instanceof VendorError ? error.message : undefined;
      deps.logger.warn(
        { err: vendor ? undefined : error, vendor, connectorId: String(connector._id) },
        'CRM poll failed; tried again next time',
      );
    }
  }
  return { polled, failed };
}

async function pollOne(deps: BotDeps, connector: ConnectorDoc) {
  const client = crmOf(deps, connector);
  const start = connector.caseSync.casesSince ?? connector.createdAt;
  const commentsStart = connector.caseSync.commentsSince ?? connector.createdAt;
  const cases = await client.changedCases(start);
  const comments = await client.newComments(commentsStart, connector.vendorUserId ?? '');
  for (const change of cases) await caseChanged(deps, connector, change, client);
  for (const comment of comments) await commented(deps, connector, comment);
  return {
    casesSince: advance(
      start,
      cases.map((c) => c.lastModified),
    ),
    commentsSince: advance(
      commentsStart,
      comments.map((c) => c.created),
    ),
  };
}

/**
 * A Case whose status is not the one the bot last knew (its own writes are noted as they are
 * made, so they never come back as changes) moves its request as a helpdesk ticket's would.
 */
export async function caseChanged(
  deps: BotDeps,
  connector: ConnectorDoc,
  change: CaseChange,
  client: CrmClient,
) {
  const cases = new CrmCases(deps.models);
  const request = await cases.byCase(String(connector._id), change.id);
  if (!request?.crmCase || request.teamId !== connector.teamId) return;
  // The additional fields its channel asked for when the Case was made, read again.
  const names = Object.keys(request.crmCase.fields);
  const fields = names.length > 0 ? (await client.readCase(change.id, names)).fields : {};
  await cases.read(request._id, change.status, fields);
  if (request.crmCase.status === change.status) return;
  await ticketMoved(deps, String(connector._id), request, change.ticketStatus);
}

/** An agent's published CaseComment, posted once in the request's thread. */
async function commented(deps: BotDeps, connector: ConnectorDoc, comment: CaseCommentIn) {
  if (!comment.published || !comment.body.trim()) return;
  const request = await new CrmCases(deps.models).byCase(String(connector._id), comment.caseId);
  if (!request || request.teamId !== connector.teamId) return;
  await postComment(deps, connector, request, {
    kind: 'comment',
    ticketId: comment.caseId,
    commentId: comment.id,
    body: comment.body,
    authorId: comment.authorId,
    authorName: comment.authorName,
    public: true,
  });
}
