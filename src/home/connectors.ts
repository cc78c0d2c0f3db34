import type { ConnectorType } from '../connectors/connector.js';
import type { Features } from '../settings/features.js';

/**
 * App Home's Connectors section (issue 14), for workspace admins: each connector as it stands.
 * Pure: what a line shows, and which channels use a connector by their effective settings.
 */

export interface HomeConnector {
  id: string;
  type: ConnectorType;
  /** The vendor's name for people: `Zendesk`. */
  name: string;
  baseUrl: string;
  /**
   * The vendor's refusal in words at the last check, or null when the credentials were accepted
   * (at the last check, or when they were saved: a save checks them first).
   */
  error: string | null;
  /** When that was. */
  checkedAt: Date;
  /** Whether the credentials hold the helpdesk webhook's secret (never the secret itself). */
  webhookSecretSet: boolean;
  /** The channels whose effective settings send their tickets or Cases to it, by id. */
  channels: string[];
}

/** What a connector's state is, as stored: its last check and its last change. */
export function connectorState(doc: {
  lastCheck: { at: Date; error: string | null } | null;
  updatedAt: Date;
}): Pick<HomeConnector, 'error' | 'checkedAt'> {
  const check = doc.lastCheck;
  // A change saved after a failed check was checked itself (new credentials or address).
  if (check && check.at >= doc.updatedAt) return { error: check.error, checkedAt: check.at };
  return { error: null, checkedAt: doc.updatedAt };
}

/**
 * Whether a channel with these effective features uses the connector: a helpdesk named by its
 * `tickets.config.helpdeskIds`; the workspace's Salesforce connector (`crmId`, the first one)
 * when its requests go to the CRM (`write_all_requests_to_crm` or `requests.sink.salesforce`,
 * and `crm.type` not HubSpot); its HubSpot connector (the first) when `crm.type` is HUBSPOT
 * and `write_all_requests_to_crm` is on.
 */
export function channelUses(
  features: Features,
  connector: { id: string; type: ConnectorType },
  crmId: string | undefined,
): boolean {
  if (connector.type !== 'salesforce' && connector.type !== 'hubspot') {
    return features.tickets.config.helpdeskIds.includes(connector.id);
  }
  if (connector.id !== crmId) return false;
  const { requests } = features;
  if (connector.type === 'hubspot') {
    return features.crm.type === 'HUBSPOT' && requests.config.write_all_requests_to_crm;
  }
  if (features.crm.type === 'HUBSPOT') return false;
  return requests.config.write_all_requests_to_crm || Boolean(requests.sink.salesforce);
}
