import type { KnownBlock } from '@slack/web-api';
import { AppError } from '../errors.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

/** What a subcommand answers: mrkdwn text (the notification fallback when blocks are given). */
export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

/** A value as inline code: JSON, clipped, escaped, and without backticks that would end the span. */
export function codeValue(value: unknown, max = 120): string {
  const json = JSON.stringify(value) ?? 'null';
  const clipped = json.length > max ? `${json.slice(0, max)}…` : json;
  return `\`${escapeMrkdwn(clipped.replace(/`/g, "'"))}\``;
}

/** A group write can fail on every key below it; the first ones say enough. */
const MAX_DETAIL_LINES = 20;

/**
 * The answer to an expected failure: a validation failure lists every `loc`/`msg` exactly as the
 * HTTP API's 422 body does; a lock shows the API's 403 message (one line per key for a group);
 * other codes show their message.
 * Anything that is not an AppError is unexpected and left to the caller.
 */
export function appErrorReply(error: unknown): Reply | undefined {
  if (!(error instanceof AppError) || error.code === 'internal') return undefined;
  if (
    error.code === 'invalid_input' ||
    (error.code === 'setting_locked' && error.detail.length > 1)
  ) {
    const icon = error.code === 'setting_locked' ? ':lock:' : ':warning:';
    const lines = error.detail
      .slice(0, MAX_DETAIL_LINES)
      .map((entry) => `• \`${escapeMrkdwn(entry.loc.join('.'))}\`: ${escapeMrkdwn(entry.msg)}`);
    if (error.detail.length > MAX_DETAIL_LINES) {
      lines.push(`…and ${error.detail.length - MAX_DETAIL_LINES} more.`);
    }
    return { text: [`${icon} Nothing was changed:`, ...lines].join('\n') };
  }
  if (error.code === 'setting_locked') {
    return { text: `:lock: Nothing was changed: ${escapeMrkdwn(error.message)}.` };
  }
  return { text: `:warning: ${escapeMrkdwn(error.message)}` };
}
