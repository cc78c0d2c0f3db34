import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AssigneeResponse,
  AssignmentWrite,
  Conversation,
  ConversationList,
  ConversationListQuery,
  LabelsResponse,
  LabelsWrite,
  TogglePriorityWrite,
  ToggleStatusResponse,
  ToggleStatusWrite,
} from './conversation-schemas.js';
import {
  CannedResponseCreate,
  CannedResponseIdParams,
  CannedResponseQuery,
  CannedResponseResponse,
  CannedResponseUpdate,
  ConversationIdParams,
} from './schemas.js';

/** What `openApiDocument` hands the desk's paths: its registry and shared pieces. */
export interface PathKit {
  registry: OpenAPIRegistry;
  security: Record<string, string[]>[];
  errorResponses: Record<string, ResponseConfig>;
  json: (schema: z.ZodType, description: string) => ResponseConfig;
  body: (schema: z.ZodType) => Pick<NonNullable<RouteConfig['request']>, 'body'>;
}

/** The desk's paths (seed 003): canned responses and conversations. */
export function registerDesk({ registry, security, errorResponses, json, body }: PathKit) {
  const canned = '/api/v1/canned_responses';
  registry.registerPath({
    method: 'get',
    path: canned,
    security,
    request: { query: CannedResponseQuery },
    responses: {
      200: json(z.array(CannedResponseResponse), 'Canned responses of the workspace'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path: canned,
    security,
    request: { ...body(CannedResponseCreate) },
    responses: { 201: json(CannedResponseResponse, 'The new response'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: `${canned}/{id}`,
      security,
      request: { params: CannedResponseIdParams, ...body(CannedResponseUpdate) },
      responses: {
        200: json(CannedResponseResponse, 'The response after the change'),
        ...errorResponses,
      },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: `${canned}/{id}`,
    security,
    request: { params: CannedResponseIdParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  });
  const conversation = '/api/v1/conversations/{id}';
  const params = ConversationIdParams;
  registry.registerPath({
    method: 'get',
    path: '/api/v1/conversations',
    security,
    request: { query: ConversationListQuery },
    responses: {
      200: json(ConversationList, 'A page of conversations (25) and the counts'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: conversation,
    security,
    request: { params },
    responses: { 200: json(Conversation, 'The conversation'), ...errorResponses },
  });
  const changes: [string, z.ZodType, z.ZodType, string][] = [
    ['toggle_status', ToggleStatusWrite, ToggleStatusResponse, 'The status after'],
    ['toggle_priority', TogglePriorityWrite, Conversation, 'The conversation after'],
    ['assignments', AssignmentWrite, AssigneeResponse, 'The assignee'],
    ['labels', LabelsWrite, LabelsResponse, 'The labels after'],
  ];
  for (const [action, write, answer, description] of changes) {
    registry.registerPath({
      method: 'post',
      path: `${conversation}/${action}`,
      security,
      request: { params, ...body(write) },
      responses: { 200: json(answer, description), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'get',
    path: `${conversation}/labels`,
    security,
    request: { params },
    responses: { 200: json(LabelsResponse, 'The labels'), ...errorResponses },
  });
}
