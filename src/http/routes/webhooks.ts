import { Router } from 'express';
import type { WebhookDeliveryDoc, WebhookDoc } from '../../db/models/index.js';
import { WebhookOutbox } from '../../db/repositories/webhook-outbox.js';
import { WebhookStore } from '../../db/repositories/webhooks.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { createWebhook, deleteWebhook, updateWebhook } from '../../services/webhooks/manage.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  WebhookCreate,
  WebhookDeliveryParams,
  WebhookIdParams,
  WebhookRedeliver,
  WebhookUpdate,
  type WebhookCreated,
  type WebhookDeliveryResponse,
  type WebhookResponse,
} from '../schemas.js';

export const WEBHOOKS_PATH = '/webhooks';
const PATH = WEBHOOKS_PATH;

/** A workspace's webhooks and their delivery logs (seed 003's, without `/accounts/{id}`). */
export function webhookRoutes(deps: BotDeps): Router {
  const router = Router();
  const store = new WebhookStore(deps.models);
  const outbox = new WebhookOutbox(deps.models);
  const idOf = (params: unknown) => parseInput(WebhookIdParams, params, 'path').id;

  router.get(PATH, async (_req, res) => {
    res.json((await store.list(teamOf(res))).map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(WebhookCreate, req.body, 'body');
    const { webhook, secret } = await createWebhook(deps, teamOf(res), input);
    res.status(201).json({ ...render(webhook), secret } satisfies WebhookCreated);
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    res.json(render(await store.get(teamOf(res), idOf(req.params))));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const id = idOf(req.params);
      const update = parseInput(WebhookUpdate, req.body, 'body');
      res.json(render(await updateWebhook(deps, teamOf(res), id, update)));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    await deleteWebhook(deps, teamOf(res), idOf(req.params));
    res.status(204).end();
  });
  router.get(`${PATH}/:id/deliveries`, async (req, res) => {
    const webhook = await store.get(teamOf(res), idOf(req.params));
    res.json((await outbox.log(String(webhook._id))).map(renderDelivery));
  });
  router.post(`${PATH}/:id/deliveries/:deliveryId/redeliver`, async (req, res) => {
    const { id, deliveryId } = parseInput(WebhookDeliveryParams, req.params, 'path');
    parseInput(WebhookRedeliver, req.body, 'body');
    const webhook = await store.get(teamOf(res), id);
    const delivery = await outbox.redeliver(String(webhook._id), deliveryId, deps.clock.now());
    if (!delivery) {
      throw new AppError('webhook_delivery_not_found', `unknown delivery ${deliveryId}`);
    }
    res.status(202).json(renderDelivery(delivery));
  });
  return router;
}

function render(webhook: WebhookDoc): WebhookResponse {
  return {
    id: String(webhook._id),
    url: webhook.url,
    subscriptions: webhook.subscriptions,
    account_id: webhook.teamId,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
}

function renderDelivery(delivery: WebhookDeliveryDoc): WebhookDeliveryResponse {
  const iso = (at: Date | null) => (at ? at.toISOString() : null);
  return {
    id: String(delivery._id),
    event_id: delivery.eventId,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    delivered_at: iso(delivery.deliveredAt),
    created_at: delivery.createdAt.toISOString(),
  };
}
