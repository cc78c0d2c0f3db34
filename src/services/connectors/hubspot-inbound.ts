import { changedTicketIds } from '../../connectors/hubspot-webhook.js';
import { stageTicketStatus } from '../../connectors/hubspot.js';
import type { BotDeps } from '../../deps.js';
import { caseChanged } from './case-sync.js';
import { jsonOf, verifiedConnector, type InboundCall } from './inbound.js';
import { crmOf } from './manage.js';

/**
 * HubSpot's webhook call (`ticket.propertyChange` on `hs_pipeline_stage`) for one connector:
 * verified (v3 signature, recent timestamp; else a 401 and nothing read), then each ticket it
 * names is read and moves its request as the CRM poll would (the same `caseChanged`).
 */
export async function receiveHubspotCall(
  deps: BotDeps,
  connectorId: string,
  call: InboundCall,
): Promise<void> {
  const connector = await verifiedConnector(deps, 'hubspot', connectorId, call);
  const client = crmOf(deps, connector);
  for (const id of changedTicketIds(jsonOf(call.body))) {
    const ticket = await client.readCase(id);
    const change = {
      id,
      status: ticket.status,
      ticketStatus: stageTicketStatus(ticket.status),
      lastModified: deps.clock.now(),
    };
    await caseChanged(deps, connector, change, client);
  }
}
