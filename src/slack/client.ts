import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../logger.js';

/** Bolt and the Web API client log through pino, at the process's level. */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  return {
    debug: (...msg) => child.debug(msg.join(' ')),
    info: (...msg) => child.info(msg.join(' ')),
    warn: (...msg) => child.warn(msg.join(' ')),
    error: (...msg) => child.error(msg.join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * Web API client options shared by every client the bot makes: an optional base URL (a local
 * Slack in tests and demos), retries with backoff on 5xx and network errors, and waiting out
 * 429s as `Retry-After` says (the client's default behaviour, kept on purpose).
 */
export function webClientOptions(slackApiUrl: string | undefined, logger: Logger) {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: slackLogger(logger),
    retryConfig: { retries: 5, factor: 2, minTimeout: 200, maxTimeout: 5_000, randomize: true },
    timeout: 10_000,
  };
}

export function createWebClient(
  token: string,
  slackApiUrl: string | undefined,
  logger: Logger,
): WebClient {
  return new WebClient(token, webClientOptions(slackApiUrl, logger));
}
