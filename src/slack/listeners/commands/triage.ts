import type { App } from '@slack/bolt';
import { z } from 'zod';
import { SLASH_COMMAND } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { parseCommand } from '../../../commands/parse.js';
import type { Reply } from '../../../views/command-reply.js';
import { escapeMrkdwn } from '../../../text/mrkdwn.js';
import { runCommand } from '../../../services/commands/run.js';

/** The part of Slack's slash-command payload the command uses. */
const SlashPayload = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  text: z.string().default(''),
});

const SOMETHING_WENT_WRONG =
  ':warning: Something went wrong on our side; nothing more was changed. Please try again in a moment.';

/** `/triage`: acknowledged at once, then answered with an ephemeral only the caller sees. */
export function register(app: App, deps: BotDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const reply = await answer(deps, body);
    try {
      await respond({ response_type: 'ephemeral', ...reply });
    } catch (error) {
      deps.logger.warn({ err: error, command: SLASH_COMMAND }, 'could not answer a slash command');
    }
  });
}

/** Never throws: an unexpected failure is logged and answered with an apology. */
async function answer(deps: BotDeps, body: unknown): Promise<Reply> {
  let subcommand: string | undefined;
  try {
    const payload = SlashPayload.parse(body);
    const parsed = parseCommand(payload.text);
    if (!parsed.ok) {
      return {
        text: `:warning: ${escapeMrkdwn(parsed.error)}\nUsage: \`${escapeMrkdwn(parsed.usage)}\``,
      };
    }
    subcommand = parsed.command.name;
    return await runCommand(
      {
        deps,
        slack: await deps.slack(payload.team_id),
        teamId: payload.team_id,
        channelId: payload.channel_id,
        userId: payload.user_id,
      },
      parsed.command,
    );
  } catch (error) {
    // The text is not logged: it may hold setting values a workspace considers private.
    deps.logger.error({ err: error, command: SLASH_COMMAND, subcommand }, 'slash command failed');
    return { text: SOMETHING_WENT_WRONG };
  }
}
