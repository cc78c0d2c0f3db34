import { withDatabase } from './db/connection.js';
import { DEFAULT_DATABASE, EMBEDDED_PORT, startMongo } from './db/engine.js';
import { databaseReachable } from './db/reachability.js';
import { EnvError, loadEnv } from './env.js';
import { createLogger } from './logger.js';
import { startBot } from './runtime.js';

const DATABASE_DOWN_EXIT_MS = 60_000;

/** Process entry: validate the environment, start a database if none is given, serve. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const mongo = await startMongo({
    uri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    port: env.MONGODB_URI ? undefined : EMBEDDED_PORT,
    log: (line) => logger.info(line),
  });
  logger.info(`database: ${mongo.description}`);
  const bot = await startBot({ env, mongoUri: withDatabase(mongo.uri, DEFAULT_DATABASE), logger });

  // A process that cannot reach its database for a minute exits so its supervisor starts a
  // fresh one (a last resort should the driver never reconnect). Events refused meanwhile are
  // redelivered by Slack.
  let downSince: number | undefined;
  const watchdog = setInterval(() => {
    if (databaseReachable(bot.deps.db)) downSince = undefined;
    else if (downSince === undefined) downSince = Date.now();
    else if (Date.now() - downSince > DATABASE_DOWN_EXIT_MS) {
      logger.fatal(
        'database unreachable for over a minute; exiting so a supervisor restarts the bot',
      );
      process.exit(1);
    }
  }, 5_000);
  watchdog.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await bot.stop();
    await mongo.stop();
    process.exit(0);
  };
  // A library promise nobody awaited (e.g. a Socket Mode reconnect) is logged, not fatal.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
