/**
 * The layers of ARCHITECTURE.md, checked by `npm run lint` (`depcruise src jobs`):
 *
 *   entry points → services → domain and views → nothing of the above
 *   infrastructure (db, scheduler, slack plumbing, env, logger, errors, clock) below services
 *
 * Type-only imports count: a cycle of types is a cycle a reader has to untangle too.
 */
const ENTRY =
  '^(src/(main|runtime|app|cli)\\.ts$|src/slack/listeners/|src/smtp/|src/http/(routes/|router\\.ts$)|jobs/)';
const SERVICES = '^src/services/';
const DOMAIN =
  '^src/(requests|settings|calendar|sla|timers|commands|feedback|automations|out-of-office|channels|accounts|home|custom-fields|desk|contacts|dashboard|reports|connectors|email|kb|ai)/';
const VIEWS = '^src/views/';
const INFRASTRUCTURE = '^src/(db/|scheduler/|slack/|http/|env\\.ts$|logger\\.ts$|clock\\.ts$)';
const IO_PACKAGES =
  '(^|/)node_modules/(@slack/|mongoose|mongodb|agenda|@agendajs/|express|undici|pino|smtp-server|mailparser|nodemailer)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-below-entry-points',
      comment: 'Services are called by listeners, routes and jobs, never the other way round.',
      severity: 'error',
      from: { path: [SERVICES, DOMAIN, VIEWS, INFRASTRUCTURE], pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Domain rules decide over plain data and the time: no services, views, I/O or Slack.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: [SERVICES, VIEWS, INFRASTRUCTURE, IO_PACKAGES] },
    },
    {
      name: 'views-are-pure',
      comment: 'Block Kit builders turn data into blocks: no services, database, scheduler or I/O.',
      severity: 'error',
      from: { path: VIEWS },
      to: {
        path: [
          SERVICES,
          '^src/(scheduler|http)/',
          '^src/slack/',
          IO_PACKAGES.replace('@slack/|', ''),
        ],
      },
    },
    {
      name: 'views-types-only-from-models',
      severity: 'error',
      from: { path: VIEWS },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'infrastructure-below-services',
      comment: 'The database, scheduler and Slack plumbing serve services; they do not call them.',
      severity: 'error',
      from: { path: '^src/(db/|scheduler/|env\\.ts$|logger\\.ts$|errors\\.ts$|clock\\.ts$)' },
      to: { path: SERVICES },
    },
    {
      name: 'slack-through-the-gateway',
      comment:
        'Services, jobs and listeners call Slack through src/slack/gateway.ts (one method per Web API call), never a WebClient of their own.',
      severity: 'error',
      from: { path: [SERVICES, ENTRY], pathNot: '^src/(main|runtime|app)\\.ts$' },
      to: { path: ['(^|/)node_modules/@slack/web-api', '^src/slack/client\\.ts$'] },
    },
    {
      name: 'gateway-above-domain',
      comment:
        'The gateway is handed to services and entry points (deps.slack); the domain, views, database and scheduler never call Slack.',
      severity: 'error',
      from: { path: [DOMAIN, VIEWS, '^src/(db|scheduler)/'] },
      to: { path: '^src/slack/gateway\\.ts$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|bench|scripts|dist)/' },
  },
};
