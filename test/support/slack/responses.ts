import type { SlackState } from './state.js';
import type { ResponseContext, SimBlock } from './types.js';

/**
 * What Slack does with a message sent to a response URL (or a slash command's
 * acknowledgement body): an ephemeral to the user by default, a channel message with
 * `response_type: "in_channel"`, or a change to the message the interaction came from
 * with `replace_original` / `delete_original`. Returns an error code, or undefined.
 */
export function applyResponse(
  state: SlackState,
  context: ResponseContext,
  body: Record<string, unknown>,
): string | undefined {
  const text = typeof body.text === 'string' ? body.text : undefined;
  const blocks = Array.isArray(body.blocks) ? (body.blocks as SimBlock[]) : undefined;
  const { channel, user, message_ts: originalTs } = context;
  const original = channel !== undefined ? state.findMessage(channel, originalTs) : undefined;
  const originalEphemeral = state.ephemerals.findIndex(
    (e) => e.ts === originalTs && e.channel === channel,
  );

  if (isTrue(body.delete_original)) {
    if (original !== undefined) state.removeMessage(original);
    else if (originalEphemeral >= 0) state.ephemerals.splice(originalEphemeral, 1);
    return undefined;
  }
  if (text === undefined && blocks === undefined) return 'no_text';

  if (isTrue(body.replace_original)) {
    const ephemeral = state.ephemerals[originalEphemeral];
    if (original !== undefined) {
      original.text = text ?? '';
      original.blocks = blocks;
    } else if (ephemeral !== undefined) {
      ephemeral.text = text ?? '';
      ephemeral.blocks = blocks;
    } else {
      return 'message_not_found';
    }
    return undefined;
  }

  if (channel === undefined) return 'channel_not_found';
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : context.thread_ts;
  if (body.response_type === 'in_channel') {
    state.insertMessage({
      channel,
      user: state.botUserId,
      bot_id: state.opts.botId,
      app_id: state.opts.appId,
      team: state.teamId,
      text: text ?? '',
      blocks,
      thread_ts: threadTs,
    });
    return undefined;
  }
  if (user === undefined) return 'user_not_found';
  state.ephemerals.push({
    channel,
    user,
    text: text ?? '',
    blocks,
    thread_ts: threadTs,
    ts: state.ids.ts(),
    via: 'response_url',
  });
  return undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
