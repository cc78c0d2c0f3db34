import { parseArgs } from 'node:util';
import { connect, withDatabase } from './db/connection.js';
import { DEFAULT_DATABASE, EMBEDDED_PORT, portOpen, startMongo } from './db/engine.js';
import { createModels, syncIndexes } from './db/models/index.js';
import { EnvError, loadDbEnv } from './env.js';
import { createApiToken } from './db/repositories/api-tokens.js';
import { TokenRole } from './commands/token.js';
import { createLogger } from './logger.js';
import { rebuildReports } from './services/reports/rebuild.js';
import { SettingsService } from './services/settings.js';

const USAGE = `usage: npm run --silent cli -- token create --team <TEAM_ID> [--created-by <USER_ID>]
         [--role administrator|agent] [--name <NAME>]

Prints a new API token for the workspace on stdout, and nothing else. The token is shown once;
only its hash is stored. It acts for --created-by ("cli" if not given) with --role (default
administrator; an agent's token works requests but not settings) and is named --name in history
(default: --created-by). Uses MONGODB_URI, else the embedded database of a running bot, else
starts the embedded database on DATA_DIR for the duration of the command.

       npm run --silent cli -- reports rebuild [--team <TEAM_ID>]

Recomputes the report rollups of the workspace (every workspace without --team) from its
requests and replaces them; prints what it rebuilt as one JSON line.`;

/** Admin commands that need the database but not Slack. */
async function cli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      team: { type: 'string' },
      'created-by': { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || (command !== 'token create' && command !== 'reports rebuild')) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'reports rebuild') {
    if (values.team !== undefined && !TEAM_ID.test(values.team)) {
      process.stderr.write(`--team must be a Slack team id such as T0123ABCD\n${USAGE}\n`);
      return 2;
    }
    return withModels(async (models) => {
      const deps = { models, settings: new SettingsService(models), logger: createLogger('warn') };
      const rebuilt = await rebuildReports(deps, values.team);
      process.stdout.write(`${JSON.stringify(rebuilt)}\n`);
      return 0;
    });
  }
  if (!values.team || !TEAM_ID.test(values.team)) {
    process.stderr.write(`--team must be a Slack team id such as T0123ABCD\n${USAGE}\n`);
    return 2;
  }
  const role = TokenRole.safeParse(values.role ?? 'administrator');
  if (!role.success) {
    process.stderr.write(`--role must be administrator or agent\n${USAGE}\n`);
    return 2;
  }
  const team = values.team;
  return withModels(async (models) => {
    const createdBy = values['created-by'] ?? 'cli';
    const token = await createApiToken(models, team, createdBy, {
      role: role.data,
      name: values.name ?? createdBy,
    });
    process.stdout.write(`${token}\n`);
    return 0;
  });
}

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

/** Runs `work` on the database (MONGODB_URI, a running bot's embedded one, or one started now). */
async function withModels(
  work: (models: ReturnType<typeof createModels>) => Promise<number>,
): Promise<number> {
  const env = loadDbEnv();
  const running = !env.MONGODB_URI && (await portOpen(EMBEDDED_PORT));
  const mongo = await startMongo({
    uri: env.MONGODB_URI ?? (running ? `mongodb://127.0.0.1:${EMBEDDED_PORT}/` : undefined),
    dataDir: env.DATA_DIR,
    port: EMBEDDED_PORT,
  });
  const db = await connect(withDatabase(mongo.uri, DEFAULT_DATABASE));
  try {
    const models = createModels(db);
    await syncIndexes(models);
    return await work(models);
  } finally {
    await db.close();
    await mongo.stop();
  }
}

cli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof EnvError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
