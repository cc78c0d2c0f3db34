import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  ContactConversations,
  ContactConversationsQuery,
  ContactCreate,
  ContactIdParams,
  ContactList,
  ContactListQuery,
  ContactResponse,
  ContactSearchQuery,
  ContactUpdate,
} from './contact-schemas.js';
import type { PathParts } from './openapi-conversations.js';

/** The contacts' paths (seed 003). */
export function registerContactPaths(
  registry: OpenAPIRegistry,
  { security, errorResponses, json, body }: PathParts,
): void {
  const contacts = '/api/v1/contacts';
  const params = ContactIdParams;
  registry.registerPath({
    method: 'get',
    path: contacts,
    security,
    request: { query: ContactListQuery },
    responses: { 200: json(ContactList, 'A page of contacts (15)'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${contacts}/search`,
    security,
    request: { query: ContactSearchQuery },
    responses: { 200: json(ContactList, 'A page of the contacts found (15)'), ...errorResponses },
  });
  registry.registerPath({
    method: 'post',
    path: contacts,
    security,
    request: { ...body(ContactCreate) },
    responses: { 201: json(ContactResponse, 'The new contact'), ...errorResponses },
  });
  registry.registerPath({
    method: 'get',
    path: `${contacts}/{id}`,
    security,
    request: { params },
    responses: { 200: json(ContactResponse, 'The contact'), ...errorResponses },
  });
  for (const method of ['put', 'patch'] as const) {
    registry.registerPath({
      method,
      path: `${contacts}/{id}`,
      security,
      request: { params, ...body(ContactUpdate) },
      responses: { 200: json(ContactResponse, 'The contact after the change'), ...errorResponses },
    });
  }
  registry.registerPath({
    method: 'get',
    path: `${contacts}/{id}/conversations`,
    security,
    request: { params, query: ContactConversationsQuery },
    responses: {
      200: json(ContactConversations, 'The conversations they opened (25 a page)'),
      ...errorResponses,
    },
  });
}
