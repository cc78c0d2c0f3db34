import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ArticleCreate,
  ArticleIdParams,
  ArticleResponse,
  ArticleUpdate,
  CrawlReportResponse,
  CrawlRequest,
  PortalCreate,
  PortalIdParams,
  PortalResponse,
  PortalUpdate,
} from './kb-schemas.js';
import type { Parts } from './openapi-webhooks.js';

/** `/api/v1/portals` and their articles (the knowledge base) in the OpenAPI document. */
export function registerKbPaths(registry: OpenAPIRegistry, parts: Parts): void {
  const { security, errorResponses, body, json } = parts;
  const path = '/api/v1/portals';
  const crud = [
    {
      list: path,
      one: `${path}/{id}`,
      listParams: undefined,
      params: PortalIdParams,
      create: PortalCreate,
      update: PortalUpdate,
      response: PortalResponse,
      what: 'portal',
    },
    {
      list: `${path}/{id}/articles`,
      one: `${path}/{id}/articles/{articleId}`,
      listParams: PortalIdParams,
      params: ArticleIdParams,
      create: ArticleCreate,
      update: ArticleUpdate,
      response: ArticleResponse,
      what: 'article',
    },
  ];
  registry.registerPath({
    method: 'post',
    path: `${path}/{id}/crawl`,
    security,
    request: { params: PortalIdParams, ...body(CrawlRequest) },
    responses: {
      200: json(CrawlReportResponse, 'The crawl of the portal’s site'),
      ...errorResponses,
    },
  });
  for (const c of crud) {
    const listRequest = c.listParams ? { params: c.listParams } : {};
    registry.registerPath({
      method: 'get',
      path: c.list,
      security,
      request: listRequest,
      responses: { 200: json(z.array(c.response), `The ${c.what}s`), ...errorResponses },
    });
    registry.registerPath({
      method: 'post',
      path: c.list,
      security,
      request: { ...listRequest, ...body(c.create) },
      responses: { 201: json(c.response, `The new ${c.what}`), ...errorResponses },
    });
    registry.registerPath({
      method: 'get',
      path: c.one,
      security,
      request: { params: c.params },
      responses: { 200: json(c.response, `The ${c.what}`), ...errorResponses },
    });
    for (const method of ['patch', 'put'] as const) {
      registry.registerPath({
        method,
        path: c.one,
        security,
        request: { params: c.params, ...body(c.update) },
        responses: { 200: json(c.response, `The ${c.what} after the change`), ...errorResponses },
      });
    }
    registry.registerPath({
      method: 'delete',
      path: c.one,
      security,
      request: { params: c.params },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    });
  }
}
