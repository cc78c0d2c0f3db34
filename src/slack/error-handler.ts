import { ErrorCode as BoltErrorCode, type Context } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { ERRORS, errorCode } from '../errors.js';
import { bestEffort, slackErrorCode } from './safe-call.js';

/** The parts of any Slack payload that say where it came from and who sent it. */
const Dispatch = z.object({
  type: z.string().optional().catch(undefined),
  event_id: z.string().optional().catch(undefined),
  event: z.object({ type: z.string() }).optional().catch(undefined),
  team: z.object({ id: z.string() }).nullish().catch(undefined),
  team_id: z.string().optional().catch(undefined),
  user: z.object({ id: z.string() }).optional().catch(undefined),
  user_id: z.string().optional().catch(undefined),
  channel: z.object({ id: z.string() }).optional().catch(undefined),
  channel_id: z.string().optional().catch(undefined),
  command: z.string().optional().catch(undefined),
  callback_id: z.string().optional().catch(undefined),
  view: z.object({ callback_id: z.string().optional() }).optional().catch(undefined),
  actions: z
    .array(z.object({ action_id: z.string() }))
    .optional()
    .catch(undefined),
  container: z.object({ thread_ts: z.string().optional() }).optional().catch(undefined),
  message: z.object({ thread_ts: z.string().optional() }).optional().catch(undefined),
});

/** What Bolt hands the error handler (`extendedErrorHandler: true`). */
export interface FailedDispatch {
  error: Error;
  body: unknown;
  context?: Pick<Context, 'teamId'>;
}

/**
 * The Bolt app's one error handler (`app.error`). Every failure is logged with its code and
 * the payload's ids — never the payload, the context or a token. A person who clicked, ran a
 * command or used a shortcut in a channel is told what went wrong, as an ephemeral with the
 * code's sentence (never the error's text); a view submission has no channel, and its ack has
 * gone, so it is only logged. Events are left to whoever dispatched them, so the error is
 * thrown on: Bolt's receiver refuses an event that could not be stored (5xx, and Slack sends
 * it again) and the event inbox counts a failed run and runs it again. An authorization
 * failure is thrown on too, so the receiver keeps answering it with 401.
 */
export function slackErrorHandler(deps: Pick<BotDeps, 'logger' | 'slack'>) {
  return async ({ error, body, context }: FailedDispatch): Promise<void> => {
    const code = errorCode(error);
    const parsed = Dispatch.safeParse(body);
    const payload = parsed.success ? parsed.data : {};
    const teamId = context?.teamId ?? payload.team?.id ?? payload.team_id;
    const userId = payload.user?.id ?? payload.user_id;
    const channelId = payload.channel?.id ?? payload.channel_id;
    const kind = payload.type ?? (payload.command ? 'slash_command' : 'unknown');
    const log = {
      code,
      kind,
      teamId,
      userId,
      channelId,
      eventId: payload.event_id,
      eventType: payload.event?.type,
      actionId: payload.actions?.[0]?.action_id,
      callbackId: payload.view?.callback_id ?? payload.callback_id,
      command: payload.command,
      slackError: slackErrorCode(error),
    };
    const level = ERRORS[code].status >= 500 ? 'error' : 'warn';
    deps.logger[level]({ ...log, err: error }, `Slack ${kind} failed: ${code}`);

    const authorization = (error as { code?: unknown }).code === BoltErrorCode.AuthorizationError;
    if (kind === 'event_callback' || authorization) throw error;
    if (!teamId || !userId || !channelId) return;
    await bestEffort(deps.logger, { step: 'error_ephemeral', code, teamId, channelId }, async () =>
      (await deps.slack(teamId)).postEphemeral({
        channel: channelId,
        user: userId,
        thread_ts: payload.container?.thread_ts ?? payload.message?.thread_ts,
        text: `:warning: ${ERRORS[code].say}`,
      }),
    );
  };
}
