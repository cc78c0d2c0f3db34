import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { decideMessageChange } from '../../../requests/detection.js';
import { RequestEdits } from '../../../services/requests/edits.js';
import { RequestIntake } from '../../../services/requests/intake.js';
import { SlackGateway } from '../../gateway.js';

/** A shared file as the bot reads it: its name (Slack may leave it out, e.g. for a hidden file). */
const SharedFile = z.object({ name: z.string().nullish(), title: z.string().nullish() });
const fileNames = (files: z.infer<typeof SharedFile>[] = []) =>
  files.flatMap((file) => file.name || file.title || []);

const NewMessage = z.object({
  subtype: z.enum(['bot_message', 'thread_broadcast', 'file_share']).optional(),
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  user_team: z.string().optional(),
  team: z.string().optional(),
  text: z.string().default(''),
  files: z.array(SharedFile).optional(),
});
const Changed = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  event_ts: z.string(),
  message: z.object({
    /** `tombstone`: a thread's root was deleted and only its replies live on. */
    subtype: z.string().optional(),
    ts: z.string(),
    text: z.string().default(''),
    thread_ts: z.string().optional(),
    files: z.array(SharedFile).optional(),
  }),
});
const Deleted = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  event_ts: z.string(),
  deleted_ts: z.string().optional(),
  previous_message: z.object({ ts: z.string() }).optional(),
});

/** Customer and agent messages in channels: new, edited and deleted. */
export function register(app: App, deps: BotDeps): void {
  app.event('message', async ({ event, context, client }) => {
    const teamId = context.teamId as string;
    const slack = new SlackGateway(client, deps.logger);
    const edits = new RequestEdits(deps, slack);
    const changed = Changed.safeParse(event);
    if (changed.success) {
      const { channel, message, event_ts: eventTs } = changed.data;
      const change = decideMessageChange({ ...message, threadTs: message.thread_ts });
      if (change === 'discard') await edits.deleted(teamId, channel, message.ts, eventTs);
      const files = fileNames(message.files);
      if (change === 'edit') await edits.edited(teamId, channel, message.ts, message.text, files);
      if (change === 'edit_reply') {
        const key = { teamId, channelId: channel, ts: message.ts, eventTs };
        await edits.replyEdited(key, message.text, files);
      }
      return;
    }
    const deleted = Deleted.safeParse(event);
    if (deleted.success) {
      const ts = deleted.data.deleted_ts ?? deleted.data.previous_message?.ts;
      if (ts) await edits.deleted(teamId, deleted.data.channel, ts, deleted.data.event_ts);
      return;
    }
    const parsed = NewMessage.safeParse(event);
    if (!parsed.success) return; // channel joins, topic changes and other subtypes are not requests
    const message = parsed.data;
    await new RequestIntake(deps, slack).message({
      teamId,
      botUserId: context.botUserId as string,
      channelId: message.channel,
      ts: message.ts,
      threadTs: message.thread_ts,
      userId: message.user,
      botId: message.bot_id,
      userTeamId: message.user_team ?? message.team,
      text: message.text,
      fileNames: fileNames(message.files),
    });
  });
}
