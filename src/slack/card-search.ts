import type { CallOptions, SlackGateway } from './gateway.js';

/** The metadata event type that marks a triage card with the id of its request. */
export const TRIAGE_CARD_EVENT = 'triage_card';
/** Pages of channel history read at most (200 messages each). */
const CARD_SEARCH_PAGES = 5;

/** The metadata a triage card is posted with, naming its request. */
export function cardMetadata(requestId: string) {
  return { event_type: TRIAGE_CARD_EVENT, event_payload: { request_id: requestId } };
}

/**
 * The ts of a request's card in the triage channel, found by its metadata: `null` when there is
 * none, `undefined` when Slack could not be asked. Only messages since `since` are read, a few
 * pages at most.
 */
export async function findCard(
  slack: SlackGateway,
  triage: string,
  requestId: string,
  since: Date,
  options: CallOptions,
): Promise<string | null | undefined> {
  const oldest = String(since.getTime() / 1000 - 1);
  let cursor: string | undefined;
  for (let page = 0; page < CARD_SEARCH_PAGES; page++) {
    const query = { channel: triage, oldest, limit: 200, include_all_metadata: true, cursor };
    const history = await slack.history(query, options);
    if (!history) return undefined;
    const card = history.messages?.find(
      (m) =>
        m.metadata?.event_type === TRIAGE_CARD_EVENT &&
        (m.metadata.event_payload as { request_id?: unknown } | undefined)?.request_id ===
          requestId,
    );
    if (card?.ts) return card.ts;
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return null;
  }
  return null;
}
