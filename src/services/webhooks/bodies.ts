import type { RequestDoc } from '../../db/models/index.js';
import { MessageStore } from '../../db/repositories/messages.js';
import type { BotDeps } from '../../deps.js';
import { conversationsOf } from '../desk/conversations.js';
import { unixSeconds } from '../../clock.js';

/**
 * The bodies of the requests' outbox events, by event id: `{event, id, timestamp,
 * conversation}` with the conversation as `GET /conversations` renders it now, and for a
 * message event also the message as `GET …/messages` renders it (null once it is gone). One
 * read for the messages the events name. `extra` is added to every body.
 */
export async function eventBodies(
  deps: BotDeps,
  teamId: string,
  requests: readonly RequestDoc[],
  extra: Record<string, unknown> = {},
): Promise<Map<string, string>> {
  const ids = requests.flatMap((r) => r.webhookEvents.flatMap((e) => e.messageId ?? []));
  const messages = ids.length > 0 ? await new MessageStore(deps.models).byIds(ids) : [];
  const conversations = await conversationsOf(deps, teamId, requests, messages);
  const bodies = new Map<string, string>();
  requests.forEach((request, index) => {
    const { messages: rendered = [], ...rest } = conversations[index] ?? {};
    // The conversation carries its opening message, as it always did; the new one goes beside.
    const conversation = { ...rest, messages: rendered.slice(0, 1) };
    for (const event of request.webhookEvents) {
      const message = event.messageId && {
        message: rendered.find((m) => m.id === event.messageId) ?? null,
      };
      const body = { event: event.event, id: event.id, timestamp: unixSeconds(event.at) };
      bodies.set(event.id, JSON.stringify({ ...body, ...message, conversation, ...extra }));
    }
  });
  return bodies;
}
