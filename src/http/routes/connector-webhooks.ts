import express, { Router } from 'express';
import type { BotDeps } from '../../deps.js';
import { receiveZendeskCall } from '../../services/connectors/inbound.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../connectors/zendesk-webhook.js';

/**
 * `POST /webhooks/zendesk/{connectorId}`: a helpdesk's ticket events. No bearer token: the
 * call is verified by its signature over the body exactly as sent (read as text, not parsed).
 */
export function connectorWebhookRoutes(deps: BotDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/zendesk/:connectorId',
    express.text({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      await receiveZendeskCall(deps, String(req.params.connectorId), {
        signature: req.get(SIGNATURE_HEADER),
        timestamp: req.get(TIMESTAMP_HEADER),
        body: typeof req.body === 'string' ? req.body : '',
      });
      res.status(200).json({ ok: true });
    },
  );
  return router;
}
