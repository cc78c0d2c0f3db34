import type { Connection } from 'mongoose';

const followed = new WeakMap<object, { up: boolean }>();

/**
 * Whether the database answered the driver's last heartbeat. This is the driver's own view:
 * mongoose's `readyState` can stay "disconnected" after a restarted server answers again, while
 * the driver's heartbeats (every few seconds, sooner when an operation waits) do recover. The
 * first call starts following the heartbeats; the bot makes it when it starts.
 */
export function databaseReachable(db: Connection): boolean {
  const client = db.getClient();
  let state = followed.get(client);
  if (!state) {
    const fresh = { up: db.readyState === 1 };
    client.on('serverHeartbeatSucceeded', () => (fresh.up = true));
    client.on('serverHeartbeatFailed', () => (fresh.up = false));
    followed.set(client, fresh);
    state = fresh;
  }
  return state.up;
}
