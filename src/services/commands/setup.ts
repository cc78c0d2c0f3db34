import { channelFields, type SlackChannelInfo } from '../../channels/channel.js';
import {
  joinNote,
  mayJoin,
  setupDone,
  setupRefusal,
  triageRefusal,
  type ChannelRef,
} from '../../commands/setup.js';
import type { ChannelDoc } from '../../db/models/index.js';
import type { Reply } from '../../views/command-reply.js';
import { bestEffort } from '../../slack/safe-call.js';
import { channelIdByName, lookUpChannel } from '../../slack/lookups.js';
import type { CommandContext } from './context.js';

/**
 * `setup customer [#triage]` / `setup triage`: registers the channel (upserting its document with
 * what `conversations.info` says) and, for a customer channel, the triage channel its requests go
 * to. Channels are checked (and joined where the bot may join) before anything is written.
 */
export async function setUpChannel(
  ctx: CommandContext,
  kind: 'customer' | 'triage',
  triageRef?: ChannelRef,
): Promise<Reply> {
  const dm = ctx.channelId.startsWith('D');
  const here = dm ? undefined : await lookUpChannel(ctx.client, ctx.channelId);
  const refusal = setupRefusal(ctx.channelId, here, kind);
  if (refusal || !here) return { text: refusal ?? '' };
  let triage: SlackChannelInfo | undefined;
  if (triageRef) {
    const id = 'id' in triageRef ? triageRef.id : await channelIdByName(ctx.client, triageRef.name);
    triage = id ? await lookUpChannel(ctx.client, id) : undefined;
    const refused = triageRefusal(here.id, triageRef, triage);
    if (refused) return { text: refused };
  }

  const notes: string[] = [];
  const hereMember = await ensureMember(ctx, here, notes);
  const triageMember = triage ? await ensureMember(ctx, triage, notes) : false;
  const { models } = ctx.deps;
  const saved = await models.channels
    .findOneAndUpdate(
      { teamId: ctx.teamId, channelId: here.id },
      {
        $set: {
          ...channelFields(here, hereMember),
          kind,
          ...(triage ? { triageChannelId: triage.id } : {}),
        },
      },
      { upsert: true, returnDocument: 'after' },
    )
    .lean<ChannelDoc>();
  if (triage) {
    await models.channels.updateOne(
      { teamId: ctx.teamId, channelId: triage.id },
      { $set: channelFields(triage, triageMember), $setOnInsert: { kind: 'triage' } },
      { upsert: true },
    );
  }
  return { text: setupDone(here, kind, saved?.triageChannelId, notes) };
}

/** Joins a public channel the bot is not in; a private one needs a person to invite it. */
async function ensureMember(
  ctx: CommandContext,
  info: SlackChannelInfo,
  notes: string[],
): Promise<boolean> {
  if (info.is_member) return true;
  const joined = mayJoin(info)
    ? await bestEffort(ctx.deps.logger, { channel: info.id, op: 'setup join' }, () =>
        ctx.client.conversations.join({ channel: info.id }),
      )
    : undefined;
  notes.push(joinNote(info.id, Boolean(joined?.ok)));
  return Boolean(joined?.ok);
}
