import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ConversationIdParams } from './schemas.js';
import { ConversationList, ConversationListQuery } from './conversation-schemas.js';
import {
  DashboardSettingsResponse,
  OverviewQuery,
  OverviewResponse,
  RequestPageResponse,
  SettingsViewQuery,
} from './dashboard-schemas.js';
import type { PathParts } from './openapi-conversations.js';
import { SettingsWrite } from '../settings/write.js';

/**
 * The web dashboard's data (`/app/api/*`): authenticated by the `triage_session` cookie that
 * signing in with a `/triage dashboard` link sets; writes also carry its CSRF token.
 */
export function registerDashboardPaths(
  registry: OpenAPIRegistry,
  { errorResponses, json, body }: Omit<PathParts, 'security'>,
): void {
  const cookie = registry.registerComponent('securitySchemes', 'dashboardSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'triage_session',
    description: 'The dashboard session cookie (sign in with a /triage dashboard link)',
  });
  const security = [{ [cookie.name]: [] }];
  registry.registerPath({
    method: 'get',
    path: '/app/api/overview',
    security,
    request: { query: OverviewQuery },
    responses: { 200: json(OverviewResponse, 'The overview of the window'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/app/api/conversations',
    security,
    request: { query: ConversationListQuery },
    responses: { 200: json(ConversationList, 'As GET /api/v1/conversations'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/app/api/conversations/{id}',
    security,
    request: { params: ConversationIdParams },
    responses: { 200: json(RequestPageResponse, 'The request and its history'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/app/api/settings',
    security,
    request: { query: SettingsViewQuery },
    responses: { 200: json(DashboardSettingsResponse, 'Workspace settings'), ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: '/app/api/settings',
    security,
    request: {
      query: SettingsViewQuery,
      headers: z.object({ 'x-csrf-token': z.string().describe("The session's CSRF token") }),
      ...body(SettingsWrite),
    },
    responses: {
      200: json(
        DashboardSettingsResponse,
        "The level's settings after the write (administrators; a channel takes update and reset)",
      ),
      ...errorResponses,
    },
  });
}
