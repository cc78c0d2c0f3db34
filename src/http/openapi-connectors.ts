import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ConnectorCreate,
  ConnectorIdParams,
  ConnectorResponse,
  ConnectorUpdate,
} from './connector-schemas.js';
import type { Parts } from './openapi-webhooks.js';

/** `/api/v1/connectors` in the OpenAPI document. */
export function registerConnectorPaths(registry: OpenAPIRegistry, parts: Parts): void {
  const { security, errorResponses, body, json } = parts;
  const path = '/api/v1/connectors';
  registry.registerPath({
    method: 'get',
    path,
    security,
    responses: {
      200: json(z.array(ConnectorResponse), 'The workspace’s helpdesk connectors'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path,
    security,
    request: { ...body(ConnectorCreate) },
    responses: {
      201: json(ConnectorResponse, 'The new connector, its credentials checked with the vendor'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}`,
    security,
    request: { params: ConnectorIdParams },
    responses: { 200: json(ConnectorResponse, 'The connector'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: `${path}/{id}`,
      security,
      request: { params: ConnectorIdParams, ...body(ConnectorUpdate) },
      responses: {
        200: json(ConnectorResponse, 'The connector after the change'),
        ...errorResponses,
      },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: `${path}/{id}`,
    security,
    request: { params: ConnectorIdParams },
    responses: {
      204: { description: 'Deleted' },
      ...errorResponses,
      409: { ...errorResponses[404], description: 'Channels still use it (named in `detail`)' },
    },
  });
}
