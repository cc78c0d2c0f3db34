import { AppError } from '../../errors.js';
import { nestKey, quoteHint } from '../../commands/config.js';
import { changedSettingsText, configViewBlocks } from '../../views/config-view.js';
import { commandChannel, type CommandContext } from './context.js';
import { appErrorReply, type Reply } from '../../views/command-reply.js';
import { aiProvider } from '../ai/provider.js';

/** `config [prefix]`: the channel's effective settings and where each value comes from. */
export async function showConfig(ctx: CommandContext, prefix?: string): Promise<Reply> {
  const channel = await commandChannel(ctx);
  const { provenance = {} } = await ctx.deps.settings.forChannel(channel, true);
  return configViewBlocks({
    channelId: channel.channelId,
    kind: channel.kind,
    triageChannelId: channel.triageChannelId,
    provenance,
    prefix,
    aiProvider: aiProvider(ctx.deps).configured,
  });
}

/** `config set <key> <value>`: a channel-level override, validated as the HTTP API validates it. */
export async function setConfig(ctx: CommandContext, key: string, value: unknown): Promise<Reply> {
  const channel = await commandChannel(ctx);
  try {
    const changed = await ctx.deps.settings.write(channelTarget(ctx), {
      update: nestKey(key, value),
    });
    return changedReply(ctx, `:white_check_mark: Saved for <#${channel.channelId}>:`, changed);
  } catch (error) {
    // Other failures (a lock, an unknown channel) are answered by the caller.
    if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
    const reply = appErrorReply(error) as Reply;
    return { ...reply, text: reply.text + (quoteHint(error.detail, value) ?? '') };
  }
}

/** `config reset <key>`: drops the channel's override so the inherited value shows through. */
export async function resetConfig(ctx: CommandContext, key: string): Promise<Reply> {
  const channel = await commandChannel(ctx);
  const changed = await ctx.deps.settings.write(channelTarget(ctx), { reset: [key] });
  const title = `:leftwards_arrow_with_hook: Reset for <#${channel.channelId}>:`;
  return changedReply(ctx, title, changed);
}

/** `config lock|unlock <key>`: a workspace-level lock, binding every account and channel. */
export async function lockConfig(ctx: CommandContext, key: string, lock: boolean): Promise<Reply> {
  const changed = await ctx.deps.settings.write(
    { level: 'workspace', teamId: ctx.teamId },
    lock ? { lock: [key] } : { unlock: [key] },
  );
  const { provenance = {} } = await ctx.deps.settings.workspace(ctx.teamId, true);
  const title = lock
    ? ':lock: Locked for the whole workspace; accounts and channels can no longer change it:'
    : ':unlock: Unlocked; accounts and channels may set it again:';
  return { text: changedSettingsText(title, provenance, changed, aiProvider(ctx.deps).configured) };
}

function channelTarget(ctx: CommandContext) {
  return { level: 'channel', teamId: ctx.teamId, channelId: ctx.channelId } as const;
}

/** The written keys as they now resolve in this channel. */
async function changedReply(ctx: CommandContext, title: string, changed: string[]) {
  const channel = await commandChannel(ctx);
  const { provenance = {} } = await ctx.deps.settings.forChannel(channel, true);
  const ai = aiProvider(ctx.deps).configured;
  return { text: changedSettingsText(title, provenance, changed, ai) };
}
