import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AccountCreate,
  AccountIdParams,
  ChannelIdParams,
  ExplainQuery,
  AccountResponse,
  AccountUpdate,
  ChannelResponse,
  ChannelSettingsWrite,
  ChannelUpdate,
  CustomFieldCreate,
  CustomFieldIdParams,
  CustomFieldListQuery,
  CustomFieldResponse,
  CustomFieldUpdate,
  ErrorBody,
  HealthResponse,
  SettingsResponse,
  SettingsWrite,
  WorkspaceSettingsResponse,
} from './schemas.js';
import { registerDesk } from './openapi-desk.js';
import { registerTeamPaths } from './openapi-teams.js';
import { registerWebhookPaths } from './openapi-webhooks.js';
import { registerConnectorPaths } from './openapi-connectors.js';
import { registerEmailPaths } from './openapi-email.js';
import { registerAutomationPaths } from './openapi-automation.js';
import { registerConversationPaths } from './openapi-conversations.js';
import { registerFilterPaths } from './openapi-filters.js';
import { registerContactPaths } from './openapi-contacts.js';
import { registerDashboardPaths } from './openapi-dashboard.js';
import { registerReportPaths } from './openapi-reports.js';
import { registerKbPaths } from './openapi-kb.js';

const errors = {
  401: 'No, malformed or unknown bearer token',
  403: 'A locked setting, another workspace’s resource, or an agent’s token where an administrator’s is needed',
  404: 'Unknown id',
  422: 'Invalid input: body `detail` lists each problem as {loc, msg, type}',
} as const;

export function json(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with. */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  const security = [{ [bearer.name]: [] }];
  const errorResponses = Object.fromEntries(
    Object.entries(errors).map(([code, text]) => [code, json(ErrorBody, text)]),
  );
  const body = (schema: z.ZodType) => ({
    body: { required: true, content: { 'application/json': { schema } } },
  });

  const settingsPaths = [
    {
      path: '/api/v1/workspace/settings',
      params: undefined,
      response: WorkspaceSettingsResponse,
      write: SettingsWrite,
    },
    {
      path: '/api/v1/accounts/{accountId}/settings',
      params: AccountIdParams,
      response: SettingsResponse,
      write: SettingsWrite,
    },
    {
      path: '/api/v1/channels/{channelId}/settings',
      params: ChannelIdParams,
      response: SettingsResponse,
      write: ChannelSettingsWrite,
    },
  ];
  for (const { path, params, response, write } of settingsPaths) {
    registry.registerPath({
      method: 'get',
      path,
      security,
      request: { params, query: ExplainQuery },
      responses: { 200: json(response, 'Effective settings'), ...errorResponses },
    });
    registry.registerPath({
      method: 'patch',
      path,
      security,
      request: { params, query: ExplainQuery, ...body(write) },
      responses: { 200: json(response, 'Effective settings after the write'), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/v1/channels',
    security,
    responses: {
      200: json(z.array(ChannelResponse), 'Channels of the workspace'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/channels/{channelId}',
    security,
    request: { params: ChannelIdParams },
    responses: { 200: json(ChannelResponse, 'The channel'), ...errorResponses },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/channels/{channelId}',
    security,
    request: { params: ChannelIdParams, ...body(ChannelUpdate) },
    responses: { 200: json(ChannelResponse, 'The channel after the update'), ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/accounts',
    security,
    request: { ...body(AccountCreate) },
    responses: { 201: json(AccountResponse, 'The new account'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/accounts',
    security,
    responses: {
      200: json(z.array(AccountResponse), 'Accounts of the workspace'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/accounts/{accountId}',
    security,
    request: { params: AccountIdParams },
    responses: { 200: json(AccountResponse, 'The account'), ...errorResponses },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/accounts/{accountId}',
    description:
      'Links the account to its Salesforce Account, by Id or exact name (looked up through the workspace’s Salesforce connector); null unlinks.',
    security,
    request: { params: AccountIdParams, ...body(AccountUpdate) },
    responses: { 200: json(AccountResponse, 'The account as linked'), ...errorResponses },
  });
  const fields = '/api/v1/custom_attribute_definitions';
  registry.registerPath({
    method: 'get',
    path: fields,
    security,
    request: { query: CustomFieldListQuery },
    responses: {
      200: json(z.array(CustomFieldResponse), 'Custom field definitions of the workspace'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path: fields,
    security,
    request: { ...body(CustomFieldCreate) },
    responses: { 201: json(CustomFieldResponse, 'The new definition'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${fields}/{id}`,
    security,
    request: { params: CustomFieldIdParams },
    responses: { 200: json(CustomFieldResponse, 'The definition'), ...errorResponses },
  });
  registry.registerPath({
    method: 'patch',
    path: `${fields}/{id}`,
    security,
    request: { params: CustomFieldIdParams, ...body(CustomFieldUpdate) },
    responses: {
      200: json(CustomFieldResponse, 'The definition after the change'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${fields}/{id}`,
    security,
    request: { params: CustomFieldIdParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  });
  registerDesk({ registry, security, errorResponses, json, body });
  registerTeamPaths(registry, security, errorResponses);
  registerWebhookPaths(registry, { security, errorResponses, body, json });
  registerConnectorPaths(registry, { security, errorResponses, body, json });
  registerEmailPaths(registry, { security, errorResponses, body, json });
  registerAutomationPaths(registry, { security, errorResponses, body, json });
  registerConversationPaths(registry, { security, errorResponses, json, body });
  registerDashboardPaths(registry, { errorResponses, json, body });
  registerFilterPaths(registry, { security, errorResponses, json, body });
  registerContactPaths(registry, { security, errorResponses, json, body });
  registerReportPaths(registry, { security, errorResponses, json, body });
  registerKbPaths(registry, { security, errorResponses, json, body });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    responses: {
      200: json(HealthResponse, 'Healthy'),
      503: json(HealthResponse, 'Database or scheduler down'),
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Slack triage bot API', version: '1.0.0' },
    servers: [{ url: '/' }],
  });
}
