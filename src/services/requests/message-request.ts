import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';

/**
 * The request a message belongs to: its root or a grouped message, else (for a reply) the
 * thread's, which Slack tells (`conversations.replies` names a reply's thread).
 */
export async function requestOfMessage(
  deps: BotDeps,
  slack: SlackGateway,
  teamId: string,
  channelId: string,
  ts: string,
): Promise<{ request: RequestDoc; threadTs?: string } | undefined> {
  const store = new RequestStore(deps.models);
  const direct = await store.byThread(teamId, channelId, ts);
  if (direct) return { request: direct };
  const thread = await slack.replies(channelId, ts, {
    limit: 1,
    bestEffort: { step: 'request_of_reply', channelId, ts },
  });
  const threadTs = thread?.messages?.[0]?.thread_ts;
  if (!threadTs || threadTs === ts) return undefined;
  const request = await store.byThread(teamId, channelId, threadTs);
  return request ? { request, threadTs } : undefined;
}

/** A request named by id (as `/triage` takes it) or by a message of it; only the team's. */
export async function requestOfRef(
  deps: BotDeps,
  slack: SlackGateway,
  teamId: string,
  ref: { id: string } | { channelId: string; ts: string },
): Promise<RequestDoc | undefined> {
  const request =
    'id' in ref
      ? await new RequestStore(deps.models).byKey(ref.id)
      : (await requestOfMessage(deps, slack, teamId, ref.channelId, ref.ts))?.request;
  return request && request.teamId === teamId ? request : undefined;
}
