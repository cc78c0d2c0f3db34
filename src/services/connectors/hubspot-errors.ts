import { VendorError, failureKind, retryAfterMs } from '../../connectors/connector.js';
import { z } from 'zod';

/** A raw response's failure (`apiRequest` answers any status without throwing). */
export class HttpFailure extends Error {
  constructor(
    readonly code: number,
    readonly retryAfter: string | null,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
  }
}

export const isFetchResponse = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  'ok' in value &&
  'status' in value &&
  'json' in value;

/** An SDK failure as a {@link VendorError}: by HTTP status, `Retry-After` kept; no answer is `unavailable`. */
export function hubspotError(error: unknown, what: string): VendorError {
  if (error instanceof VendorError) return error;
  const failure = error as { code?: unknown; headers?: Record<string, string>; body?: unknown };
  if (typeof failure.code === 'number') {
    const status = failure.code;
    const kind = failureKind(status) ?? 'refused';
    const retryAfter =
      error instanceof HttpFailure ? error.retryAfter : (failure.headers?.['retry-after'] ?? null);
    const body = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body);
    const message = (hubspotMessage(body) ?? `HTTP ${status}`).slice(0, 250);
    return new VendorError(
      kind,
      `${what}: ${message}`,
      status,
      retryAfterMs(retryAfter, new Date()),
      kind === 'unavailable' && !what.startsWith('GET'),
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VendorError(
    'unavailable',
    `${what}: no answer: ${message}`,
    null,
    null,
    !what.startsWith('GET'),
  );
}

/** HubSpot's error body's `message`, when it has one. */
function hubspotMessage(body: string | undefined): string | undefined {
  try {
    const parsed = z.object({ message: z.string() }).safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data.message : body || undefined;
  } catch {
    return body || undefined;
  }
}
