import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  ConversationMessage,
  MessageList,
  MessageListQuery,
  MessageWrite,
} from './conversation-schemas.js';
import {
  ConversationAttributesResponse,
  ConversationAttributesWrite,
  ConversationIdParams,
  ErrorBody,
} from './schemas.js';

/** What every path of the document shares (built once in `openApiDocument`). */
export interface PathParts {
  security: Record<string, string[]>[];
  errorResponses: Record<string, unknown>;
  json: (schema: z.ZodType, description: string) => object;
  body: (schema: z.ZodType) => object;
}

/** The conversations' paths: their messages and custom attributes. */
export function registerConversationPaths(
  registry: OpenAPIRegistry,
  { security, errorResponses, json, body }: PathParts,
): void {
  const conversation = '/api/v1/conversations/{id}';
  registry.registerPath({
    method: 'get',
    path: `${conversation}/messages`,
    security,
    request: { params: ConversationIdParams, query: MessageListQuery },
    responses: { 200: json(MessageList, 'The messages, oldest first'), ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: `${conversation}/messages`,
    security,
    request: { params: ConversationIdParams, ...body(MessageWrite) },
    responses: {
      200: json(ConversationMessage, 'The message as posted in Slack and stored'),
      502: json(ErrorBody, 'Slack refused the post; nothing was stored'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${conversation}/custom_attributes`,
    security,
    request: { params: ConversationIdParams, ...body(ConversationAttributesWrite) },
    responses: {
      200: json(ConversationAttributesResponse, 'Every custom attribute value after the change'),
      ...errorResponses,
    },
  });
}
