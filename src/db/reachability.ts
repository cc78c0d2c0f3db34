import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';

interface Followed {
  /** The driver's last heartbeat succeeded. */
  up: boolean;
  /** Since when the database has been unreachable, while it is. */
  downSince: number | undefined;
}

const followed = new WeakMap<object, Followed>();

function follow(db: Connection): Followed {
  const client = db.getClient();
  let state = followed.get(client);
  if (!state) {
    const fresh: Followed = { up: db.readyState === 1, downSince: undefined };
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
 * was going down, and then nothing reconnects. When the database has looked unreachable for
 * `stuckMs` while a fresh client reaches it, the connection's client is closed and opened again
 * (models and the scheduler keep working: they reach the server through that same client).
 */
export function watchDatabase(
  db: Connection,
  uri: string,
  logger: Logger,
  { everyMs = 5_000, stuckMs = 15_000 } = {},
): () => void {
  const state = follow(db);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    if (databaseReachable(db)) {
      state.downSince = undefined;
      return;
    }
    state.downSince ??= Date.now();
    if (Date.now() - state.downSince < stuckMs) return;
    busy = true;
    void reopenIfReachable(db, uri, logger).finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function reopenIfReachable(db: Connection, uri: string, logger: Logger): Promise<void> {
  const probe = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000 });
  try {
    await probe.db().admin().ping();
  } catch {
    return; // still down: nothing to do
  } finally {
    await probe.close().catch(() => {});
  }
  logger.warn('the database answers but the connection did not recover; reconnecting');
  const client = db.getClient();
  try {
    await client.close(true);
    await client.connect();
    follow(db).downSince = undefined;
  } catch (error) {
    logger.error({ err: error }, 'reconnecting to the database failed; trying again shortly');
  }
}
