import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AutomationRuleCreate,
  AutomationRuleIdParams,
  AutomationRuleResponse,
  AutomationRuleUpdate,
  AutomationRunResponse,
} from './automation-schemas.js';
import type { Parts } from './openapi-webhooks.js';

/** `/api/v1/automation_rules` and each rule's runs in the OpenAPI document. */
export function registerAutomationPaths(registry: OpenAPIRegistry, parts: Parts): void {
  const { security, errorResponses, body, json } = parts;
  const path = '/api/v1/automation_rules';
  const params = AutomationRuleIdParams;
  registry.registerPath({
    method: 'get',
    path,
    security,
    responses: {
      200: json(z.array(AutomationRuleResponse), 'The workspace’s automation rules'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path,
    security,
    request: { ...body(AutomationRuleCreate) },
    responses: { 201: json(AutomationRuleResponse, 'The new rule'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}`,
    security,
    request: { params },
    responses: { 200: json(AutomationRuleResponse, 'The rule'), ...errorResponses },
  });
  for (const method of ['patch', 'put'] as const) {
    registry.registerPath({
      method,
      path: `${path}/{id}`,
      security,
      request: { params, ...body(AutomationRuleUpdate) },
      responses: {
        200: json(AutomationRuleResponse, 'The rule after the change'),
        ...errorResponses,
      },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: `${path}/{id}`,
    security,
    request: { params },
    responses: { 204: { description: 'Deleted, with its runs' }, ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${path}/{id}/runs`,
    security,
    request: { params },
    responses: {
      200: json(z.array(AutomationRunResponse), 'The last 100 runs, newest first'),
      ...errorResponses,
    },
  });
}
