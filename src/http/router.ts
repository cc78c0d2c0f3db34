import express, { Router } from 'express';
import type { Connection } from 'mongoose';
import type { BotDeps } from '../deps.js';
import { validationError } from '../errors.js';
import { requireAdmin, requireToken } from './auth.js';
import { errorHandler, notFound } from './errors.js';
import { openApiDocument } from './openapi.js';
import type { HealthResponse } from './schemas.js';
import { accountRoutes } from './routes/accounts.js';
import { channelRoutes } from './routes/channels.js';
import { contactRoutes } from './routes/contacts.js';
import { conversationRoutes } from './routes/conversations.js';
import { cannedResponseRoutes } from './routes/canned-responses.js';
import { customFieldRoutes } from './routes/custom-fields.js';
import { customFilterRoutes } from './routes/custom-filters.js';
import { settingsRoutes } from './routes/settings.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { agentRoutes } from './routes/agents.js';
import { teamRoutes } from './routes/teams.js';
import { reportRoutes } from './routes/reports.js';
import { trackingRoutes } from './routes/tracking.js';
import { csatRoutes } from './routes/csat.js';
import { EMAIL_PATH, emailRoutes } from './routes/email.js';
import { WEBHOOKS_PATH, webhookRoutes } from './routes/webhooks.js';
import { CONNECTORS_PATH, connectorRoutes } from './routes/connectors.js';
import { connectorWebhookRoutes } from './routes/connector-webhooks.js';
import { AUTOMATION_RULES_PATH, automationRuleRoutes } from './routes/automation-rules.js';
import { PORTALS_PATH, portalRoutes } from './routes/portals.js';

/** What the API is handed: the bot's services (a change through the API acts as in Slack). */
export interface HttpDeps extends BotDeps {
  schedulerState: () => 'running' | 'stopped' | 'disabled';
}

/** `/healthz` and `/api/v1/*`, mounted beside Bolt's `/slack/events` on one server. */
export function apiRouter(deps: HttpDeps): Router {
  const router = Router();
  let openApi: unknown;

  router.get('/healthz', async (_req, res) => {
    const database = await ping(deps.db);
    const scheduler = deps.schedulerState();
    const ok = database === 'up' && scheduler !== 'stopped';
    res.status(ok ? 200 : 503).json({ ok, database, scheduler } satisfies HealthResponse);
  });
  router.get('/api/v1/openapi.json', (_req, res) => {
    openApi ??= openApiDocument();
    res.json(openApi);
  });

  router.use(connectorWebhookRoutes(deps));
  router.use(trackingRoutes(deps));
  router.use(csatRoutes(deps));

  const api = Router();
  api.use(requireToken(deps.models));
  // An article may hold 100,000 characters, which JSON's escapes can carry past 256 kB.
  api.use(PORTALS_PATH, express.json({ limit: '1mb', strict: true }));
  api.use(express.json({ limit: '256kb', strict: true }));
  api.use(requireJsonBody);
  // An agent's token works requests; workspace configuration needs an administrator's.
  api.use(
    [
      '/workspace',
      '/accounts',
      '/channels',
      WEBHOOKS_PATH,
      AUTOMATION_RULES_PATH,
      CONNECTORS_PATH,
      EMAIL_PATH,
    ],
    requireAdmin(),
  );
  api.use(
    ['/custom_attribute_definitions', '/teams', '/agents', PORTALS_PATH],
    requireAdmin({ reads: true }),
  );
  api.use(settingsRoutes(deps.settings));
  api.use(channelRoutes(deps.models, deps.settings));
  api.use(accountRoutes(deps));
  api.use(customFieldRoutes(deps.models));
  api.use(customFilterRoutes(deps));
  api.use(conversationRoutes(deps));
  api.use(contactRoutes(deps));
  api.use(cannedResponseRoutes(deps.models));
  api.use(teamRoutes(deps.models));
  api.use(agentRoutes(deps));
  api.use(webhookRoutes(deps));
  api.use(automationRuleRoutes(deps));
  api.use(reportRoutes(deps));
  api.use(connectorRoutes(deps));
  api.use(emailRoutes(deps));
  api.use(portalRoutes(deps));
  api.use(notFound);
  router.use('/api/v1', api);
  router.use('/app', dashboardRoutes(deps));
  router.use('/api', notFound);
  router.use(errorHandler(deps.logger));
  return router;
}

/** A write without a JSON body (empty, or another content type) is refused, not read as `{}`. */
const requireJsonBody: express.RequestHandler = (req, _res, next) => {
  const writes = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
  const empty = req.get('content-length') === '0' || !req.is('application/json');
  if (writes && (empty || req.body === undefined)) {
    throw validationError([
      {
        loc: ['body'],
        msg: 'a JSON body (Content-Type: application/json) is required',
        type: 'json_invalid',
      },
    ]);
  }
  next();
};

async function ping(db: Connection): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), 2000);
  });
  try {
    await Promise.race([db.db?.admin().ping(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
