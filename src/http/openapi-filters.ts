import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ConversationList } from './conversation-schemas.js';
import {
  ConversationFilterQuery,
  ConversationFilterWrite,
  CustomFilterCreate,
  CustomFilterIdParams,
  CustomFilterListQuery,
  CustomFilterResponse,
  CustomFilterUpdate,
} from './filter-schemas.js';
import type { PathParts } from './openapi-conversations.js';

/** `/api/v1/custom_filters` (the caller's own) and `POST /api/v1/conversations/filter`. */
export function registerFilterPaths(registry: OpenAPIRegistry, parts: PathParts): void {
  const { security, errorResponses, body, json } = parts;
  const path = '/api/v1/custom_filters';
  const params = CustomFilterIdParams;
  registry.registerPath({
    method: 'get',
    path,
    security,
    request: { query: CustomFilterListQuery },
    responses: {
      200: json(z.array(CustomFilterResponse), 'The caller’s saved filters, oldest first'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path,
    security,
    request: { ...body(CustomFilterCreate) },
    responses: { 201: json(CustomFilterResponse, 'The new filter'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}`,
    security,
    request: { params },
    responses: { 200: json(CustomFilterResponse, 'The filter'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: `${path}/{id}`,
      security,
      request: { params, ...body(CustomFilterUpdate) },
      responses: {
        200: json(CustomFilterResponse, 'The filter after the change'),
        ...errorResponses,
      },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: `${path}/{id}`,
    security,
    request: { params },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/conversations/filter',
    security,
    request: { query: ConversationFilterQuery, ...body(ConversationFilterWrite) },
    responses: {
      200: json(ConversationList, 'One page (25) of the matching conversations, newest first'),
      ...errorResponses,
    },
  });
}
