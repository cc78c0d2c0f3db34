import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  EmailDomainCreate,
  EmailDomainParams,
  EmailDomainResponse,
  EmailDomainUpdate,
  EmailDomainVerify,
  EmailMappingCreate,
  EmailMappingParams,
  EmailMappingResponse,
  EmailMappingUpdate,
} from '../email/api.js';
import type { Parts } from './openapi-webhooks.js';

/** `/api/v1/email/domains` and `/api/v1/email/mappings` in the OpenAPI document. */
export function registerEmailPaths(registry: OpenAPIRegistry, parts: Parts): void {
  const { security, errorResponses, body, json } = parts;
  const resources = [
    {
      path: '/api/v1/email/domains',
      item: '{name}',
      params: EmailDomainParams,
      create: EmailDomainCreate,
      update: EmailDomainUpdate,
      response: EmailDomainResponse,
      what: 'e-mail domain',
    },
    {
      path: '/api/v1/email/mappings',
      item: '{email}',
      params: EmailMappingParams,
      create: EmailMappingCreate,
      update: EmailMappingUpdate,
      response: EmailMappingResponse,
      what: 'e-mail mapping',
    },
  ];
  registry.registerPath({
    method: 'post',
    path: '/api/v1/email/domains/{name}/verify',
    security,
    request: { params: EmailDomainParams, ...body(EmailDomainVerify) },
    responses: {
      200: json(EmailDomainResponse, 'The domain after its DNS records were checked'),
      ...errorResponses,
    },
  });
  for (const r of resources) {
    const one = `${r.path}/${r.item}`;
    registry.registerPath({
      method: 'get',
      path: r.path,
      security,
      responses: {
        200: json(z.object({ payload: z.array(r.response) }), `The workspace’s ${r.what}s`),
        ...errorResponses,
      },
    });
    registry.registerPath({
      method: 'post',
      path: r.path,
      security,
      request: { ...body(r.create) },
      responses: { 201: json(r.response, `The new ${r.what}`), ...errorResponses },
    });
    registry.registerPath({
      method: 'get',
      path: one,
      security,
      request: { params: r.params },
      responses: { 200: json(r.response, `The ${r.what}`), ...errorResponses },
    });
    registry.registerPath({
      method: 'patch',
      path: one,
      security,
      request: { params: r.params, ...body(r.update) },
      responses: { 200: json(r.response, `The ${r.what} after the change`), ...errorResponses },
    });
    registry.registerPath({
      method: 'delete',
      path: one,
      security,
      request: { params: r.params },
      responses: { 204: { description: `The ${r.what} was removed` }, ...errorResponses },
    });
  }
}
