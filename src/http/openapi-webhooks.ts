import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  WebhookCreate,
  WebhookCreated,
  WebhookDeliveryParams,
  WebhookDeliveryResponse,
  WebhookIdParams,
  WebhookRedeliver,
  WebhookResponse,
  WebhookUpdate,
} from './schemas.js';

/** What the path registrations share (built once in `openapi.ts`). */
export interface Parts {
  security: Record<string, string[]>[];
  errorResponses: Record<string, ResponseConfig>;
  body: (schema: z.ZodType) => {
    body: { required: boolean; content: { 'application/json': { schema: z.ZodType } } };
  };
  json: (schema: z.ZodType, description: string) => ResponseConfig;
}

/** `/api/v1/webhooks` and its delivery log in the OpenAPI document. */
export function registerWebhookPaths(registry: OpenAPIRegistry, parts: Parts): void {
  const { security, errorResponses, body, json } = parts;
  const path = '/api/v1/webhooks';
  registry.registerPath({
    method: 'get',
    path,
    security,
    responses: {
      200: json(z.array(WebhookResponse), 'The workspace’s webhooks'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path,
    security,
    request: { ...body(WebhookCreate) },
    responses: {
      201: json(WebhookCreated, 'The new webhook, with its signing secret (shown only here)'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}`,
    security,
    request: { params: WebhookIdParams },
    responses: { 200: json(WebhookResponse, 'The webhook'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: `${path}/{id}`,
      security,
      request: { params: WebhookIdParams, ...body(WebhookUpdate) },
      responses: { 200: json(WebhookResponse, 'The webhook after the change'), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: `${path}/{id}`,
    security,
    request: { params: WebhookIdParams },
    responses: { 204: { description: 'Deleted, with its delivery log' }, ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}/deliveries`,
    security,
    request: { params: WebhookIdParams },
    responses: {
      200: json(z.array(WebhookDeliveryResponse), 'The last 100 deliveries, newest first'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${path}/{id}/deliveries/{deliveryId}/redeliver`,
    security,
    request: { params: WebhookDeliveryParams, ...body(WebhookRedeliver) },
    responses: {
      202: json(WebhookDeliveryResponse, 'Queued to be sent again now, with the same id'),
      ...errorResponses,
    },
  });
}
