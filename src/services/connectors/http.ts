import pRetry from 'p-retry';
import { VendorError, failureKind, retryAfterMs } from '../../connectors/connector.js';

/** How long one call may take before it counts as no answer. */
const TIMEOUT_MS = 10_000;
/** The longest `Retry-After` waited for inside one call; a longer one is the worker's to wait. */
const MAX_INLINE_WAIT_MS = 5_000;

/** `Authorization: Basic …` for a login. */
export const basicAuth = (login: string): string =>
  `Basic ${Buffer.from(login).toString('base64')}`;

/**
 * One vendor call with the connectors' retries: a 429 is waited out and tried again (its
 * `Retry-After`, when short), and so is a read (`read`) that failed with a 5xx; a write that
 * failed is left to the connector worker, which knows whether it may have been done
 * (`VendorError.ambiguous`). `once` throws a {@link VendorError} for each failure.
 */
export function withVendorRetries<T>(read: boolean, once: () => Promise<T>): Promise<T> {
  return pRetry(once, {
    retries: 2,
    minTimeout: 200,
    randomize: true,
    shouldRetry: ({ error }) =>
      error instanceof VendorError &&
      ((error.kind === 'rate_limited' && (error.retryAfterMs ?? 0) <= MAX_INLINE_WAIT_MS) ||
        (read && error.kind === 'unavailable')),
    onFailedAttempt: async ({ error }) => {
      const wait = error instanceof VendorError ? (error.retryAfterMs ?? 0) : 0;
      if (wait > 0 && wait <= MAX_INLINE_WAIT_MS) await sleep(wait);
    },
  });
}

/**
 * A vendor's JSON API over `fetch`, with {@link withVendorRetries}. Every failure is a {@link VendorError}.
 */
export class VendorHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: string,
  ) {}

  call(method: string, path: string, body?: unknown): Promise<unknown> {
    return withVendorRetries(method === 'GET', () => this.once(method, path, body));
  }

  /**
   * One read, not retried and answered within `timeoutMs`: for what a Slack modal waits on
   * (its `trigger_id` lasts 3 seconds).
   */
  readOnce(path: string, timeoutMs: number): Promise<unknown> {
    return this.once('GET', path, undefined, timeoutMs);
  }

  private async once(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = TIMEOUT_MS,
  ): Promise<unknown> {
    const write = method !== 'GET';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new VendorError('unavailable', `no answer: ${why}`, null, null, write);
    }
    const kind = failureKind(res.status);
    if (!kind) return res.status === 204 ? {} : res.json();
    const text = (await res.text()).slice(0, 300);
    const after = retryAfterMs(res.headers.get('retry-after'), new Date());
    throw new VendorError(
      kind,
      `${method} ${path.split('?')[0]}: ${text}`,
      res.status,
      after,
      write && kind === 'unavailable',
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
