import { parseArgs } from 'node:util';
import { connect, withDatabase } from './db/connection.js';
import { DEFAULT_DATABASE, EMBEDDED_PORT, portOpen, startMongo } from './db/engine.js';
import { createModels, syncIndexes } from './db/models/index.js';
import { EnvError, loadDbEnv } from './env.js';
import { createApiToken } from './db/repositories/api-tokens.js';
import { TokenRole } from './commands/token.js';

const USAGE = `usage: npm run --silent cli -- token create --team <TEAM_ID> [--created-by <USER_ID>]
         [--role administrator|agent] [--name <NAME>]

Prints a new API token for the workspace on stdout, and nothing else. The token is shown once;
only its hash is stored. It acts for --created-by ("cli" if not given) with --role (default
administrator; an agent's token works requests but not settings) and is named --name in history
(default: --created-by). Uses MONGODB_URI, else the embedded database of a running bot, else
starts the embedded database on DATA_DIR for the duration of the command.`;

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
  if (values.help || positionals.join(' ') !== 'token create') {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!values.team || !/^[TE][A-Z0-9]{2,}$/.test(values.team)) {
    process.stderr.write(`--team must be a Slack team id such as T0123ABCD\n${USAGE}\n`);
    return 2;
  }
  const role = TokenRole.safeParse(values.role ?? 'administrator');
  if (!role.success) {
    process.stderr.write(`--role must be administrator or agent\n${USAGE}\n`);
    return 2;
  }
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
    const createdBy = values['created-by'] ?? 'cli';
    const token = await createApiToken(models, values.team, createdBy, {
      role: role.data,
      name: values.name ?? createdBy,
    });
    process.stdout.write(`${token}\n`);
    return 0;
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
