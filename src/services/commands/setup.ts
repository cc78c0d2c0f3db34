import type { SlackChannelInfo } from '../../channels/channel.js';
import {
  joinNote,
  mayJoin,
  setupDone,
  setupRefusal,
  triageRefusal,
  type ChannelRef,
} from '../../commands/setup.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { Reply } from '../../views/command-reply.js';
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
  const here = dm ? undefined : await ctx.slack.channelInfo(ctx.channelId);
  const refusal = setupRefusal(ctx.channelId, here, kind);
  if (refusal || !here) return { text: refusal ?? '' };
  let triage: SlackChannelInfo | undefined;
  if (triageRef) {
    const id = 'id' in triageRef ? triageRef.id : await ctx.slack.channelIdByName(triageRef.name);
    triage = id ? await ctx.slack.channelInfo(id) : undefined;
    const refused = triageRefusal(here.id, triageRef, triage);
    if (refused) return { text: refused };
  }

  const notes: string[] = [];
  const hereMember = await ensureMember(ctx, here, notes);
  const triageMember = triage ? await ensureMember(ctx, triage, notes) : false;
  const channels = new ChannelStore(ctx.deps.models);
  const set = { kind, ...(triage ? { triageChannelId: triage.id } : {}) };
  const saved = await channels.describe(ctx.teamId, here, hereMember, set);
  if (triage) await channels.describe(ctx.teamId, triage, triageMember, {}, 'triage');
  return { text: setupDone(here, kind, saved?.triageChannelId, notes) };
}

/** Joins a public channel the bot is not in; a private one needs a person to invite it. */
async function ensureMember(
  ctx: CommandContext,
  info: SlackChannelInfo,
  notes: string[],
): Promise<boolean> {
  if (info.is_member) return true;
  const log = { channel: info.id, op: 'setup join' };
  const joined = mayJoin(info) ? await ctx.slack.join(info.id, { bestEffort: log }) : undefined;
  notes.push(joinNote(info.id, Boolean(joined?.ok)));
  return Boolean(joined?.ok);
}
