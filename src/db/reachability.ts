import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';

interface Followed {
  /** The driver's last heartbeat succeeded. */
  up: boolean;
}

const followed = new WeakMap<object, Followed>();

function follow(db: Connection): Followed {
  const client = db.getClient();
  let state = followed.get(client);
  if (!state) {
    const fresh: Followed = { up: db.readyState === 1 };
    client.on('serverHeartbeatSucceeded', () => (fresh.up = true));
    client.on('serverHeartbeatFailed', () => (fresh.up = false));
    followed.set(client, fresh);
    state = fresh;
  }
  return state;
}

/**
 * Whether the database can be used now: the driver's last heartbeat succeeded and mongoose
 * counts the connection as open. Either alone can be wrong for a while after an outage (a
 * heartbeat in flight when the server died reports nothing; `readyState` lags), and a wrong
 * "up" would make a Slack ack wait for a server that is not there.
 */
export function databaseReachable(db: Connection): boolean {
  return follow(db).up && db.readyState === 1;
}

/**
 * Keeps the connection alive across server restarts. The driver normally notices a server that
 * came back within a heartbeat, but its monitor can hang on a connection made while the server
 * was going down, and then nothing reconnects. While the database looks unreachable a fresh
 * client probes it every `everyMs`; once the server has answered the probes for `graceMs` (a
 * heartbeat's time for the driver to notice by itself) the connection's client is closed and
 * opened again. Models and the scheduler keep working: they reach the server through that
 * same client.
 */
export function watchDatabase(
  db: Connection,
  uri: string,
  logger: Logger,
  { everyMs = 2_000, graceMs = 5_000 } = {},
): () => void {
  follow(db); // from now on
  let busy = false;
  let backSince: number | undefined;
  const timer = setInterval(() => {
    if (busy) return;
    if (databaseReachable(db)) {
      backSince = undefined;
      return;
    }
    busy = true;
    void (async () => {
      if (!(await answers(uri))) backSince = undefined;
      else if (backSince === undefined) backSince = Date.now();
      else if (Date.now() - backSince >= graceMs) {
        backSince = undefined;
        await reopen(db, logger);
      }
    })().finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether a fresh client reaches the server. */
async function answers(uri: string): Promise<boolean> {
  const probe = new MongoClient(uri, { serverSelectionTimeoutMS: 1_500, connectTimeoutMS: 1_500 });
  try {
    await probe.db().admin().ping();
    return true;
  } catch {
    return false;
  } finally {
    await probe.close().catch(() => {});
  }
}

async function reopen(db: Connection, logger: Logger): Promise<void> {
  logger.warn('the database answers but the connection did not recover; reconnecting');
  const client = db.getClient();
  try {
    await client.close(true);
    await client.connect();
  } catch (error) {
    logger.error({ err: error }, 'reconnecting to the database failed; trying again shortly');
  }
}
