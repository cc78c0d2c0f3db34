import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';

export interface Health {
  /** HTTP status; 0 when the bot did not answer. */
  status: number;
  database?: string;
  ms: number;
}

/** One `GET /healthz`. */
export async function healthOf(url: string): Promise<Health> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { database?: string };
    return { status: res.status, database: body.database, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

/** Polls /healthz until `until` holds; the milliseconds it took, or null after `timeoutMs`. */
export async function healthUntilOf(
  url: string,
  until: (h: Health) => boolean,
  timeoutMs = 30_000,
): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    if (until(await healthOf(url))) return performance.now() - started;
    if (performance.now() - started > timeoutMs) return null;
    await sleep(100);
  }
}

/**
 * Why a bot is still down once its database is back: whether a new connection to the server
 * works, and the state of the bot's driver monitor (the check that notices the server is back).
 */
export async function whyStillDown(db: Connection, uri: string): Promise<Record<string, unknown>> {
  const fresh = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3_000 });
  const freshConnection = await fresh
    .asPromise()
    .then(() => fresh.db?.admin().ping())
    .then(
      () => 'pings fine',
      (error: Error) => `fails: ${error.message}`,
    );
  await fresh.close().catch(() => {});
  type Monitor = { s?: { state?: string }; connection?: { closed?: boolean } | null };
  const client = db.getClient() as unknown as {
    topology?: { s?: { servers?: Map<string, { monitor?: Monitor }> } };
  };
  const monitors = [...(client.topology?.s?.servers?.values() ?? [])].map((server) => ({
    state: server.monitor?.s?.state,
    connectionClosed: server.monitor?.connection?.closed ?? null,
  }));
  return { freshConnection, botReadyState: db.readyState, monitors };
}
