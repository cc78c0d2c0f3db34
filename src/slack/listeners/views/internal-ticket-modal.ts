import type { App } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { submitTicket } from '../../../services/internal-tickets/raise.js';
import { TICKET_BLOCKS, TICKET_INPUT } from '../../../views/internal-ticket.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

const Metadata = z.object({ requestId: z.string(), channelId: z.string().nullable() });
const Input = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

/**
 * The internal ticket modal's submission: a refused answer keeps the modal open with the error
 * under its field and writes nothing; else the ticket is stored, the modal closes, and the
 * ticket is posted, noted in the request's thread and shown on the card.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.internalTicket, async ({ ack, body, view, client, context }) => {
    const state = Metadata.parse(JSON.parse(view.private_metadata));
    const read = (blockId: string) => Input.parse(view.state.values[blockId]?.[TICKET_INPUT] ?? {});
    const fields: Record<string, string> = {};
    for (const blockId of Object.keys(view.state.values)) {
      if (blockId.startsWith(TICKET_BLOCKS.field))
        fields[blockId.slice(TICKET_BLOCKS.field.length)] = read(blockId).value ?? '';
    }
    const slack = new SlackGateway(client, deps.logger);
    const outcome = await submitTicket(deps, slack, {
      requestId: state.requestId,
      channelId: state.channelId,
      ...actorOf(body, context),
      viewId: view.id,
      answers: {
        type: read(TICKET_BLOCKS.type).selected_option?.value ?? null,
        tags: (read(TICKET_BLOCKS.tags).selected_options ?? []).map((o) => o.value),
        severity: read(TICKET_BLOCKS.severity).selected_option?.value ?? null,
        fields,
        summary: read(TICKET_BLOCKS.summary).value ?? '',
      },
    });
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack();
    await outcome.follow();
  });
}
