import type { Logger } from '../logger.js';
import { slackErrorCode } from './safe-call.js';

/**
 * How a call treats Slack's failures. Without options a failure propagates (the Web API client
 * has already retried 5xx, network errors and 429s after Retry-After).
 */
export interface CallOptions {
  /** Slack error codes that are a normal answer here: the call answers `undefined` (debug log). */
  expect?: readonly string[];
  /**
   * Best effort: any other failure is logged (warn) with this context and Slack's code, and
   * answered with `undefined`, so a side effect never takes the request down with it.
   */
  bestEffort?: Record<string, unknown>;
}

/** Runs one Web API call under `options`: the single place the gateway catches Slack's failures. */
export async function guardedCall<T>(
  logger: Logger,
  method: string,
  run: () => Promise<T>,
  { expect = [], bestEffort }: CallOptions = {},
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const slackError = slackErrorCode(error);
    if (slackError && expect.includes(slackError)) {
      logger.debug({ ...bestEffort, method, slackError }, 'Slack answered as expected');
      return undefined;
    }
    if (!bestEffort) throw error;
    logger.warn({ ...bestEffort, method, slackError, err: error }, 'Slack call failed');
    return undefined;
  }
}
