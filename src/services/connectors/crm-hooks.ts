import { CASE_STATUS, caseFields } from '../../connectors/crm.js';
import { isConnectorActor } from '../../connectors/status.js';
import type { ConnectorDoc, RequestDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks, connectorTask } from '../../db/repositories/connector-tasks.js';
import { CrmCases } from '../../db/repositories/crm-cases.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import type { ChannelContext } from '../requests/context.js';
import { threadComment } from './hooks.js';

/**
 * The workspace's Salesforce connector when the channel's requests go to the CRM
 * (`write_all_requests_to_crm`, or `requests.sink.salesforce` naming the Account), else null.
 */
export async function crmConnectorFor(
  deps: Pick<BotDeps, 'models'>,
  ctx: ChannelContext,
  teamId: string,
): Promise<ConnectorDoc | null> {
  const { crm, requests } = ctx.features;
  if (crm.type === 'HUBSPOT') return null;
  if (!requests.config.write_all_requests_to_crm && !requests.sink.salesforce) return null;
  const connectors = await new ConnectorStore(deps.models).list(teamId);
  return connectors.find((c) => c.type === 'salesforce') ?? null;
}

/**
 * The Salesforce Account a channel's Cases go on: its customer account's linked one
 * (`PATCH /api/v1/accounts/{id}`) first, else `requests.sink.salesforce` (named by
 * `requests.sink.salesforceAccountName`), else none.
 */
export async function caseAccountOf(
  deps: Pick<BotDeps, 'models'>,
  ctx: ChannelContext,
): Promise<{ id: string | null; name: string | null }> {
  const linked = (await new WorkspaceStore(deps.models).account(ctx.channel.accountId))?.crm;
  if (linked) return { id: linked.salesforceAccountId, name: linked.salesforceAccountName };
  const { sink } = ctx.features.requests;
  return { id: sink.salesforce, name: sink.salesforceAccountName };
}

/** The request as a Case's source (`crm.field_mappings` names its fields). */
const sourceOf = (request: RequestDoc) => ({ ...request, id: String(request._id) });

/**
 * What a request's moments ask of the CRM: a Case for each new request on the channel's
 * Account, the Case's Status when the request's changes, and thread messages as CaseComments
 * (`send_threads_to_connectors`). Each task goes through the request's connector outbox.
 */
export const crmHooks: RequestHooks = {
  async created(deps, ctx, request) {
    if (request.crmCase) return;
    const connector = await crmConnectorFor(deps, ctx, request.teamId);
    if (!connector) return;
    const target = await caseAccountOf(deps, ctx);
    const now = deps.clock.now();
    const fields = caseFields(sourceOf(request), ctx.features.crm.field_mappings, target.id);
    const connectorId = String(connector._id);
    const task = connectorTask(
      {
        kind: 'case_create',
        connectorId,
        at: now,
        by: 'bot',
        payload: { fields, readBack: ctx.features.crm.additional_fields },
      },
      String(request._id),
    );
    const asked = { connectorId, accountId: target.id, accountName: target.name };
    const entry = { at: now, type: 'crm_case_requested', to: connectorId, by: 'bot' };
    await new CrmCases(deps.models).ask(request._id, asked, task, entry);
  },

  async changed(deps, _ctx, before, after, by) {
    const crmCase = after.crmCase;
    if (!crmCase || crmCase.state === 'failed' || isConnectorActor(by)) return;
    const status = CASE_STATUS[after.status];
    if (before.status === after.status || CASE_STATUS[before.status] === status) return;
    const key = `${String(after._id)}:${after.history.length}:${after.status}`;
    const task = connectorTask(
      {
        kind: 'case_update',
        connectorId: crmCase.connectorId,
        at: deps.clock.now(),
        by,
        payload: { fields: { Status: status } },
      },
      key,
    );
    await new ConnectorTasks(deps.models).queue(after._id, task);
  },

  async messageCreated(deps, ctx, request, message) {
    const crmCase = request.crmCase;
    if (!ctx.features.tickets.config.send_threads_to_connectors || !message.text) return;
    if (!crmCase || crmCase.state === 'failed') return;
    const connector = await new ConnectorStore(deps.models).find(
      request.teamId,
      crmCase.connectorId,
    );
    if (!connector) return;
    const comment = threadComment(message, connector.options.agent_replies_public);
    const task = connectorTask(
      {
        kind: 'case_comment',
        connectorId: crmCase.connectorId,
        at: message.createdAt,
        by: message.userId,
        payload: { comment },
      },
      String(message._id),
    );
    await new ConnectorTasks(deps.models).queue(request._id, task);
  },
};
