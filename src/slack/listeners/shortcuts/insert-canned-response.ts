import type { App } from '@slack/bolt';
import { z } from 'zod';
import { SHORTCUTS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { openCannedPicker } from '../../../services/desk/canned-shortcut.js';
import { SlackGateway } from '../../gateway.js';

/** The part of Slack's `message_action` payload the shortcut uses. */
const Payload = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({ ts: z.string().min(1) }),
  team: z.object({ id: z.string().min(1) }).nullable(),
});

/** "Insert canned response" on a message: opens the modal to pick one for the message's request. */
export function register(app: App, deps: BotDeps): void {
  app.shortcut(
    { callback_id: SHORTCUTS.insertCanned, type: 'message_action' },
    async ({ ack, shortcut, client, context }) => {
      await ack();
      const payload = Payload.parse(shortcut);
      await openCannedPicker(deps, new SlackGateway(client, deps.logger), {
        teamId: context.teamId ?? payload.team?.id ?? '',
        channelId: payload.channel.id,
        ts: payload.message.ts,
        userId: payload.user.id,
        botUserId: context.botUserId,
        triggerId: payload.trigger_id,
      });
    },
  );
}
