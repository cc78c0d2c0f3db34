import type { App } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** `apps.connections.open` errors that no retry will fix (@slack/socket-mode's list). */
const REFUSED = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'user_removed_from_team',
  'team_disabled',
]);

/**
 * Connects a Socket Mode app in the background, so start-up never waits on Slack and the HTTP
 * API serves meanwhile. @slack/socket-mode retries some failures itself but gives up on network
 * errors, so a failed attempt is retried here with backoff (5 s doubling to 5 min), unless Slack
 * refused the app token. Once connected, the client reconnects on its own.
 */
export function connectSocketMode(app: App, logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const attempt = (failures: number): void => {
    app.start().then(
      () => {
        // Connected after stop(): the attempt was already in flight.
        if (stopped) void app.stop();
        else logger.info('connected to Slack in Socket Mode');
      },
      (error: unknown) => {
        if (stopped || !error) return; // stop() during the attempt
        const code = (error as { data?: { error?: unknown } }).data?.error;
        if (typeof code === 'string' && REFUSED.has(code)) {
          logger.error({ err: error }, 'Slack refused the app token; serving the HTTP API only');
          return;
        }
        const delay = Math.min(300_000, 5_000 * 2 ** failures);
        logger.error({ err: error, retryInMs: delay }, 'Socket Mode connection failed');
        retry = setTimeout(() => attempt(failures + 1), delay);
      },
    );
  };
  attempt(0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await app.stop();
    },
  };
}
