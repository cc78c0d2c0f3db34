import type { Params } from './types.js';

/** A Web API error: answered as HTTP 200 `{ ok: false, error }`, as Slack does. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
  ) {
    super(error);
  }
}

/** Parameters whose values Slack takes as JSON-encoded strings in form bodies. */
const JSON_PARAMS = new Set(['blocks', 'attachments', 'metadata', 'view']);

/** Decodes JSON-valued form fields so the call log and handlers see objects. */
export function decodeParams(raw: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'token') continue;
    if (JSON_PARAMS.has(key) && typeof value === 'string') {
      try {
        out[key] = JSON.parse(value);
      } catch {
        out[key] = value; // left as is; the handler reports the malformed value
      }
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** An optional scalar parameter as a string. */
export function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A required parameter; missing → `invalid_arguments` naming it, as Slack does. */
export function req(params: Params, key: string, error = 'invalid_arguments'): string {
  const value = str(params, key);
  if (value === undefined)
    throw new SlackApiError(error, [`[ERROR] missing required field: ${key}`]);
  return value;
}

export function bool(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(params: Params, key: string, fallback: number): number {
  const value = str(params, key);
  if (value === undefined) return fallback;
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n)) throw new SlackApiError('invalid_arguments', [`[ERROR] invalid ${key}`]);
  return n;
}

/** An already-decoded JSON parameter; a string left over means it did not parse. */
export function json<T>(params: Params, key: string, error = 'invalid_arguments'): T | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') throw new SlackApiError(error, [`[ERROR] invalid json: ${key}`]);
  return value as T;
}

/** Slack-style opaque cursors: base64 of a position. */
export function encodeCursor(prefix: string, position: number): string {
  return Buffer.from(`${prefix}:${position}`).toString('base64');
}

export function decodeCursor(prefix: string, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const [p, n] = Buffer.from(cursor, 'base64').toString().split(':');
  const position = Number(n);
  if (p !== prefix || !Number.isInteger(position) || position < 0) {
    throw new SlackApiError('invalid_cursor');
  }
  return position;
}

/** One page of `items` from `cursor`, with Slack's `response_metadata.next_cursor`. */
export function page<T>(
  items: T[],
  params: Params,
  prefix: string,
  defaultLimit: number,
): { items: T[]; next_cursor: string; has_more: boolean } {
  const start = decodeCursor(prefix, str(params, 'cursor'));
  const limit = Math.max(1, int(params, 'limit', defaultLimit) || defaultLimit);
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    items: slice,
    next_cursor: more ? encodeCursor(prefix, start + limit) : '',
    has_more: more,
  };
}
