import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; one logger per process, children carry context. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'triage-bot' } });
}
