import type { Logger } from '../logger.js';

/** The Slack error code of a Web API failure (`not_in_channel`, `ratelimited`, …), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: string } } | null)?.data;
  if (data?.error) return data.error;
  const code = (error as { code?: string } | null)?.code;
  return code;
}

/**
 * Runs a Slack side effect that must not take the request down with it: a failure is logged
 * with its context and Slack's error code, and answered with `undefined`. The Web API client
 * has already retried what is worth retrying (5xx, network errors, 429 after Retry-After).
 */
export async function bestEffort<T>(
  logger: Logger,
  context: Record<string, unknown>,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    logger.warn({ ...context, slackError: slackErrorCode(error), err: error }, 'Slack call failed');
    return undefined;
  }
}
