import express, { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { JIRA_SIGNATURE_HEADER } from '../../connectors/jira-webhook.js';
import { LINEAR_SIGNATURE_HEADER } from '../../connectors/linear-webhook.js';
import { receiveConnectorCall } from '../../services/connectors/inbound.js';
import { receiveHubspotCall } from '../../services/connectors/hubspot-inbound.js';
import {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
} from '../../connectors/hubspot-webhook.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../connectors/zendesk-webhook.js';

/** Each vendor's signature header (Zendesk's otherwise). */
const SIGNATURE_HEADERS: Readonly<Record<string, string>> = {
  jira: JIRA_SIGNATURE_HEADER,
  linear: LINEAR_SIGNATURE_HEADER,
  hubspot: HUBSPOT_SIGNATURE_HEADER,
};

/**
 * `POST /webhooks/{zendesk|jira|linear|hubspot}/{connectorId}`: a helpdesk's ticket events (HubSpot's
 * ticket stage changes). No bearer token: the call is verified by its signature over the body
 * exactly as sent (read as text, not parsed); HubSpot's signs the method and the full URI too
 * (`PUBLIC_URL` + path when set, else the address the call came to).
 */
export function connectorWebhookRoutes(deps: BotDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/:vendor/:connectorId',
    express.text({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const vendor = String(req.params.vendor);
      const hubspot = vendor === 'hubspot';
      const origin = deps.env.PUBLIC_URL ?? `${req.protocol}://${req.get('host') ?? ''}`;
      const call = {
        signature: req.get(SIGNATURE_HEADERS[vendor] ?? SIGNATURE_HEADER),
        timestamp: req.get(hubspot ? HUBSPOT_TIMESTAMP_HEADER : TIMESTAMP_HEADER),
        body: typeof req.body === 'string' ? req.body : '',
        method: req.method,
        uri: `${origin}${req.originalUrl}`,
      };
      const id = String(req.params.connectorId);
      if (hubspot) await receiveHubspotCall(deps, id, call);
      else await receiveConnectorCall(deps, vendor, id, call);
      res.status(200).json({ ok: true });
    },
  );
  return router;
}
