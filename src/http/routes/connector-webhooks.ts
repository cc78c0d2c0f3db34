import express, { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { JIRA_SIGNATURE_HEADER } from '../../connectors/jira-webhook.js';
import { LINEAR_SIGNATURE_HEADER } from '../../connectors/linear-webhook.js';
import { receiveConnectorCall } from '../../services/connectors/inbound.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../connectors/zendesk-webhook.js';

/** Each vendor's signature header (Zendesk's otherwise). */
const SIGNATURE_HEADERS: Readonly<Record<string, string>> = {
  jira: JIRA_SIGNATURE_HEADER,
  linear: LINEAR_SIGNATURE_HEADER,
};

/**
 * `POST /webhooks/{zendesk|jira|linear}/{connectorId}`: a helpdesk's ticket events. No bearer token:
 * the call is verified by its signature over the body exactly as sent (read as text, not parsed).
 */
export function connectorWebhookRoutes(deps: BotDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/:vendor/:connectorId',
    express.text({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const vendor = String(req.params.vendor);
      await receiveConnectorCall(deps, vendor, String(req.params.connectorId), {
        signature: req.get(SIGNATURE_HEADERS[vendor] ?? SIGNATURE_HEADER),
        timestamp: req.get(TIMESTAMP_HEADER),
        body: typeof req.body === 'string' ? req.body : '',
      });
      res.status(200).json({ ok: true });
    },
  );
  return router;
}
