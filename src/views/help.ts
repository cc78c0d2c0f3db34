import type { KnownBlock } from '@slack/web-api';
import { escapeMrkdwn } from '../text/mrkdwn.js';
import { SUBCOMMANDS } from '../commands/usage.js';

/**
 * Every `/triage` subcommand with a one-line description and an example; `unknown` is a word the
 * user typed that is no subcommand, named first so they see why they got the help.
 */
export function helpBlocks(unknown?: string): { text: string; blocks: KnownBlock[] } {
  const intro = unknown
    ? `:grey_question: \`${escapeMrkdwn(unknown)}\` is not a /triage command. These are:`
    : '*/triage* commands (🔑 = workspace admins only):';
  const lines = Object.values(SUBCOMMANDS).map(
    (sub) =>
      `${sub.adminOnly ? '🔑 ' : ''}\`${escapeMrkdwn(sub.usage)}\`\n${escapeMrkdwn(sub.description)} ` +
      `_e.g._ \`${escapeMrkdwn(sub.example)}\``,
  );
  return {
    text: unknown ? `${escapeMrkdwn(unknown)} is not a /triage command` : '/triage commands',
    // One section per subcommand keeps each text far below Slack's 3,000-character limit.
    blocks: [intro, ...lines].map((text): KnownBlock => ({
      type: 'section',
      text: { type: 'mrkdwn', text },
    })),
  };
}
