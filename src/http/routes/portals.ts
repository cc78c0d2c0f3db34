import { Router } from 'express';
import type { KbArticleDoc, KbPortalDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { crawlPortal } from '../../services/kb/crawl.js';
import { KbArticleStore } from '../../db/repositories/kb-articles.js';
import { KbPortalStore } from '../../db/repositories/kb-portals.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  ArticleCreate,
  ArticleIdParams,
  ArticleUpdate,
  CrawlRequest,
  PortalCreate,
  PortalIdParams,
  PortalUpdate,
  type ArticleResponse,
  type PortalResponse,
} from '../kb-schemas.js';

export const PORTALS_PATH = '/portals';

/**
 * The knowledge base's portals and articles (Chatwoot's Help Center API, without the
 * `/accounts/{account_id}` prefix): an administrator's token writes, an agent's may read.
 */
export function portalRoutes(deps: BotDeps): Router {
  const { models } = deps;
  const router = Router();
  const portals = new KbPortalStore(models);
  const articles = new KbArticleStore(models);

  router.get(PORTALS_PATH, async (_req, res) => {
    res.json((await portals.list(teamOf(res))).map(renderPortal));
  });
  router.post(PORTALS_PATH, async (req, res) => {
    const input = parseInput(PortalCreate, req.body, 'body');
    res.status(201).json(renderPortal(await portals.create(teamOf(res), input)));
  });
  router.get(`${PORTALS_PATH}/:id`, async (req, res) => {
    const { id } = parseInput(PortalIdParams, req.params, 'path');
    res.json(renderPortal(await portals.get(teamOf(res), id)));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PORTALS_PATH}/:id`, async (req, res) => {
      const { id } = parseInput(PortalIdParams, req.params, 'path');
      const update = parseInput(PortalUpdate, req.body, 'body');
      res.json(renderPortal(await portals.update(teamOf(res), id, update)));
    });
  }
  router.delete(`${PORTALS_PATH}/:id`, async (req, res) => {
    const { id } = parseInput(PortalIdParams, req.params, 'path');
    await portals.remove(teamOf(res), id);
    await articles.removePortal(teamOf(res), id);
    res.status(204).end();
  });

  // Crawls the portal's site now (a portal made for `knowledge_base_url`).
  router.post(`${PORTALS_PATH}/:id/crawl`, async (req, res) => {
    const { id } = parseInput(PortalIdParams, req.params, 'path');
    parseInput(CrawlRequest, req.body, 'body');
    const report = await crawlPortal(deps, await portals.get(teamOf(res), id));
    res.json({ pages: report.pages, articles: report.articles, skipped: report.skipped });
  });

  const one = `${PORTALS_PATH}/:id/articles/:articleId`;
  router.get(`${PORTALS_PATH}/:id/articles`, async (req, res) => {
    const { id } = parseInput(PortalIdParams, req.params, 'path');
    const portal = await portals.get(teamOf(res), id);
    res.json((await articles.list(portal.teamId, id)).map(renderArticle));
  });
  router.post(`${PORTALS_PATH}/:id/articles`, async (req, res) => {
    const { id } = parseInput(PortalIdParams, req.params, 'path');
    const input = parseInput(ArticleCreate, req.body, 'body');
    const portal = await portals.get(teamOf(res), id);
    res.status(201).json(renderArticle(await articles.create(portal.teamId, id, input)));
  });
  router.get(one, async (req, res) => {
    const { id, articleId } = parseInput(ArticleIdParams, req.params, 'path');
    res.json(renderArticle(await articles.get(teamOf(res), id, articleId)));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](one, async (req, res) => {
      const { id, articleId } = parseInput(ArticleIdParams, req.params, 'path');
      const update = parseInput(ArticleUpdate, req.body, 'body');
      const portal = await portals.get(teamOf(res), id);
      res.json(renderArticle(await articles.update(portal.teamId, id, articleId, update)));
    });
  }
  router.delete(one, async (req, res) => {
    const { id, articleId } = parseInput(ArticleIdParams, req.params, 'path');
    const portal = await portals.get(teamOf(res), id);
    await articles.remove(portal.teamId, id, articleId);
    res.status(204).end();
  });
  return router;
}

function renderPortal(portal: KbPortalDoc): PortalResponse {
  return {
    id: String(portal._id),
    name: portal.name,
    slug: portal.slug,
    archived: portal.archived,
    color: portal.color,
    header_text: portal.headerText,
    page_title: portal.pageTitle,
    homepage_link: portal.homepageLink,
    crawl_url: portal.crawlUrl,
    crawled_at: portal.crawledAt?.toISOString() ?? null,
    created_at: portal.createdAt.toISOString(),
    updated_at: portal.updatedAt.toISOString(),
  };
}

function renderArticle(article: KbArticleDoc): ArticleResponse {
  return {
    id: String(article._id),
    portal_id: article.portalId,
    title: article.title,
    content: article.content,
    slug: article.slug,
    status: article.status,
    position: article.position,
    url: article.url,
    meta: { tags: article.tags, title: article.metaTitle, description: article.metaDescription },
    created_at: article.createdAt.toISOString(),
    updated_at: article.updatedAt.toISOString(),
  };
}
