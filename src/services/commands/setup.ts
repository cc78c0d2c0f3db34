import type { ChannelDoc } from '../../db/models/index.js';
import { bestEffort } from '../../slack/safe-call.js';
import { lookUpChannel, type SlackChannelInfo } from '../accounts.js';
import type { CommandContext } from './context.js';
import { escapeMrkdwn, type Reply } from './reply.js';

const INVITE = '`/invite @Triage`';

/**
 * `setup customer [#triage]` / `setup triage`: registers the channel (upserting its document with
 * what `conversations.info` says) and, for a customer channel, the triage channel its requests go
 * to. Channels are checked (and joined where the bot may join) before anything is written.
 */
export async function setUpChannel(
  ctx: CommandContext,
  kind: 'customer' | 'triage',
  triageRef?: { id: string } | { name: string },
): Promise<Reply> {
  if (ctx.channelId.startsWith('D')) {
    return { text: ':warning: Run `/triage setup` in a channel, not in a direct message.' };
  }
  const here = await lookUpChannel(ctx.client, ctx.channelId);
  if (!here) {
    // Slack hides private channels from a bot that is not in them.
    return {
      text: `:warning: I can't see this channel: it is private and I'm not in it. Run ${INVITE} here, then \`/triage setup ${kind}\` again.`,
    };
  }
  if (here.is_archived) return { text: ':warning: This channel is archived.' };
  let triage: SlackChannelInfo | undefined;
  if (triageRef) {
    const found = await resolveChannel(ctx, triageRef);
    if (typeof found === 'string') return { text: found };
    if (found.id === here.id) {
      return {
        text: ':warning: The triage channel must be another channel: requests are posted there for your team.',
      };
    }
    triage = found;
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
          ...fieldsOf(here, hereMember),
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
      {
        $set: fieldsOf(triage, triageMember),
        $setOnInsert: { kind: 'triage' },
      },
      { upsert: true },
    );
  }

  const done = `:white_check_mark: <#${here.id}> is set up as a *${kind}* channel.`;
  const routing =
    kind === 'triage'
      ? `In each customer channel, run \`/triage setup customer #${escapeMrkdwn(here.name)}\` to send its requests here.`
      : saved?.triageChannelId
        ? `New requests here go to <#${saved.triageChannelId}>.`
        : 'No triage channel yet: run `/triage setup customer #your-triage-channel` to route its requests.';
  return { text: [`${done} ${routing}`, ...notes].join('\n') };
}

function fieldsOf(info: SlackChannelInfo, isMember: boolean) {
  return {
    name: info.name,
    isPrivate: info.is_private,
    isExtShared: info.is_ext_shared,
    isArchived: info.is_archived,
    botIsMember: isMember,
  };
}

/** Joins a public channel the bot is not in; a private one needs a person to invite it. */
async function ensureMember(
  ctx: CommandContext,
  info: SlackChannelInfo,
  notes: string[],
): Promise<boolean> {
  if (info.is_member) return true;
  const joined = info.is_private
    ? undefined
    : await bestEffort(ctx.deps.logger, { channel: info.id, op: 'setup join' }, () =>
        ctx.client.conversations.join({ channel: info.id }),
      );
  notes.push(
    joined?.ok
      ? `I joined <#${info.id}>.`
      : `:warning: I'm not in <#${info.id}> and couldn't join it: run ${INVITE} there.`,
  );
  return Boolean(joined?.ok);
}

/** A mentioned channel, looked up; or what to tell the user when it cannot be used. */
async function resolveChannel(
  ctx: CommandContext,
  ref: { id: string } | { name: string },
): Promise<SlackChannelInfo | string> {
  const id = 'id' in ref ? ref.id : await idByName(ctx, ref.name);
  const info = id ? await lookUpChannel(ctx.client, id) : undefined;
  const label = 'id' in ref ? `<#${ref.id}>` : `#${escapeMrkdwn(ref.name)}`;
  if (!info) {
    return `:warning: I can't find ${label}. If it is private, run ${INVITE} there first. Nothing was changed.`;
  }
  if (info.is_archived) return `:warning: ${label} is archived. Nothing was changed.`;
  return info;
}

/** `#name` as typed: Slack sends plain names to commands that do not escape channels. */
async function idByName(ctx: CommandContext, name: string): Promise<string | undefined> {
  const pages = ctx.client.paginate('conversations.list', {
    types: 'public_channel,private_channel',
    exclude_archived: true,
    limit: 200,
  });
  for await (const page of pages) {
    const { channels = [] } = page as { channels?: { id?: string; name?: string }[] };
    const hit = channels.find((channel) => channel.name === name);
    if (hit?.id) return hit.id;
  }
  return undefined;
}
