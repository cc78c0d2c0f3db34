import { SummaryAnswer } from '../../ai/outputs.js';
import { aiGate } from '../../ai/policy.js';
import type { Connector } from '../../connectors/connector.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { channelContext } from '../requests/context.js';
import { aiProvider } from './provider.js';
import { conversationOf } from './summary.js';

/**
 * `send_ai_summary_to_connectors`: a ticket a connector just created gets the model's summary of
 * the conversation as an internal note, in the same task. Any failure (the setting off, no
 * provider, no usable answer, the budget used, the helpdesk refusing the note) leaves the ticket
 * without one: the ticket itself is already made and is never held up.
 */
export async function addTicketSummary(
  deps: BotDeps,
  client: Pick<Connector, 'addComment'>,
  request: RequestDoc,
  ticketId: string,
): Promise<void> {
  try {
    const slack = await deps.slack(request.teamId);
    const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
    const on = ctx?.features.tickets.config.send_ai_summary_to_connectors ?? false;
    const ai = aiProvider(deps);
    if (!aiGate(ai.configured, on).send) return;
    const values = { conversation: await conversationOf(deps, request) };
    const answer = await ai.ask(request.teamId, 'summary', values, SummaryAnswer);
    if (!answer) return;
    await client.addComment(ticketId, { body: `Summary (AI):\n${answer.summary}`, public: false });
  } catch (error) {
    deps.logger.warn({ err: error, ticketId }, 'AI summary not added to the ticket');
  }
}
