import mongoose, { type Connection } from 'mongoose';

/** Opens a mongoose connection; fails within a few seconds when nothing answers. */
export async function connect(uri: string): Promise<Connection> {
  return mongoose
    .createConnection(uri, {
      serverSelectionTimeoutMS: 5_000,
      // A server that accepts the TCP connection but never answers (one stopping or starting)
      // holds the driver's reconnect check this long; the default 30 s delays recovery.
      connectTimeoutMS: 5_000,
      // How soon a server that came back is noticed when nothing else asks.
      heartbeatFrequencyMS: 5_000,
      autoIndex: false,
      // Fail at once while disconnected instead of queueing: a Slack event must get its 5xx
      // within Slack's 3 s so Slack retries it.
      bufferCommands: false,
    })
    .asPromise();
}

/** Puts a database name into a MongoDB URI (keeping its options) unless it names one already. */
export function withDatabase(uri: string, name: string, replace = false): string {
  const url = new URL(uri);
  if (replace || url.pathname === '/' || url.pathname === '') url.pathname = `/${name}`;
  return url.toString();
}
