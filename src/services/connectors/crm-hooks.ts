import { CASE_STATUS, caseFields, type CaseFields } from '../../connectors/crm.js';
import { TICKET_STAGE, ticketProperties } from '../../connectors/hubspot.js';
import type { RequestStatus } from '../../requests/request.js';
import { isConnectorActor } from '../../connectors/status.js';
import type { ConnectorDoc, RequestDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks, connectorTask } from '../../db/repositories/connector-tasks.js';
import { CrmCases, type CaseAsked } from '../../db/repositories/crm-cases.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import type { ChannelContext } from '../requests/context.js';
import { pipelineOf } from './crm-clients.js';
import { threadComment } from './hooks.js';

/**
 * The workspace's CRM connector when the channel's requests go to the CRM, by `crm.type`:
 * HubSpot's (`HUBSPOT`) when `write_all_requests_to_crm`; else Salesforce's, when
 * `write_all_requests_to_crm` or `requests.sink.salesforce` names the Account; else null.
 */
export async function crmConnectorFor(
  deps: Pick<BotDeps, 'models'>,
  ctx: ChannelContext,
  teamId: string,
): Promise<ConnectorDoc | null> {
  const { crm, requests } = ctx.features;
  const hubspot = crm.type === 'HUBSPOT';
  const asked = requests.config.write_all_requests_to_crm || (!hubspot && requests.sink.salesforce);
  if (!asked) return null;
  const connectors = await new ConnectorStore(deps.models).list(teamId);
  return connectors.find((c) => c.type === (hubspot ? 'hubspot' : 'salesforce')) ?? null;
}

/** The fields a Case's (a ticket's) status is written in, for a request's status. */
export function caseStatusFields(
  vendor: 'salesforce' | 'hubspot',
  status: RequestStatus,
): CaseFields {
  return vendor === 'hubspot'
    ? { hs_pipeline_stage: TICKET_STAGE[status] }
    : { Status: CASE_STATUS[status] };
}

/**
 * The Salesforce Account a channel's Cases go on: its customer account's linked one
 * (`PATCH /api/v1/accounts/{id}`) first, else `requests.sink.salesforce` (named by
 * `requests.sink.salesforceAccountName`), else none. HubSpot: the linked company, else none.
 */
export async function caseAccountOf(
  deps: Pick<BotDeps, 'models'>,
  ctx: ChannelContext,
  vendor: 'salesforce' | 'hubspot',
): Promise<{ id: string | null; name: string | null }> {
  const linked = (await new WorkspaceStore(deps.models).account(ctx.channel.accountId))?.crm;
  if (vendor === 'hubspot') {
    return { id: linked?.hubspotCompanyId ?? null, name: linked?.hubspotCompanyName ?? null };
  }
  if (linked?.salesforceAccountId) {
    return { id: linked.salesforceAccountId, name: linked.salesforceAccountName ?? null };
  }
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
    const vendor: CaseAsked['vendor'] = connector.type === 'hubspot' ? 'hubspot' : 'salesforce';
    const target = await caseAccountOf(deps, ctx, vendor);
    const now = deps.clock.now();
    const { field_mappings } = ctx.features.crm;
    const fields =
      vendor === 'hubspot'
        ? ticketProperties(sourceOf(request), field_mappings, pipelineOf(connector.options))
        : caseFields(sourceOf(request), field_mappings, target.id);
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
    const asked = { connectorId, vendor, accountId: target.id, accountName: target.name };
    const entry = { at: now, type: 'crm_case_requested', to: connectorId, by: 'bot' };
    await new CrmCases(deps.models).ask(request._id, asked, task, entry);
  },

  async changed(deps, _ctx, before, after, by) {
    const crmCase = after.crmCase;
    if (!crmCase || crmCase.state === 'failed' || isConnectorActor(by)) return;
    const fields = caseStatusFields(crmCase.vendor, after.status);
    const was = caseStatusFields(crmCase.vendor, before.status);
    if (before.status === after.status || JSON.stringify(was) === JSON.stringify(fields)) return;
    const key = `${String(after._id)}:${after.history.length}:${after.status}`;
    const task = connectorTask(
      {
        kind: 'case_update',
        connectorId: crmCase.connectorId,
        at: deps.clock.now(),
        by,
        payload: { fields },
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
