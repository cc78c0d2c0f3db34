import { BSON } from 'mongodb';
import type { TestBot } from '../support/bot.js';

/** Everything the bot stores about workspaces, except scheduler jobs and transient locks. */
export const STORED = [
  'workspaces',
  'accounts',
  'channels',
  'api_tokens',
  'requests',
  'slack_events',
  'claims',
  'welcomes',
  'suggestions',
] as const;

/**
 * The stored collections as canonical Extended JSON, sorted by `_id`: two snapshots are equal
 * exactly when the stored documents are byte for byte the same. A token's `lastUsedAt` moves
 * whenever the test's own token calls the API (that is the token doing its job, not a write of
 * the request), so it is left out; so is a request's webhook outbox, which the worker empties in
 * the background (a forged event that queued one would have stored its request, which shows).
 */
export async function snapshot(
  t: TestBot,
  names: readonly string[] = STORED,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const docs = await t.db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const kept =
      name === 'api_tokens'
        ? docs.map(({ lastUsedAt: _, ...rest }) => rest)
        : name === 'requests'
          ? docs.map(({ webhookEvents: _, ...rest }) => rest)
          : docs;
    out[name] = BSON.EJSON.stringify(kept, { relaxed: false });
  }
  return out;
}

/** The documented error body: `{ ok: false, error, message, detail: [{ loc, msg, type }] }`. */
export function isErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  const keys = Object.keys(b).sort().join(',');
  return (
    keys === 'detail,error,message,ok' &&
    b.ok === false &&
    typeof b.error === 'string' &&
    b.error.length > 0 &&
    typeof b.message === 'string' &&
    Array.isArray(b.detail) &&
    b.detail.length > 0 &&
    b.detail.every(
      (d: unknown) =>
        typeof d === 'object' &&
        d !== null &&
        Array.isArray((d as { loc?: unknown }).loc) &&
        (d as { loc: unknown[] }).loc.every(
          (p) => typeof p === 'string' || typeof p === 'number',
        ) &&
        typeof (d as { msg?: unknown }).msg === 'string' &&
        typeof (d as { type?: unknown }).type === 'string',
    )
  );
}

/** Names that Object.prototype has now; a polluted prototype gains one. */
export const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
