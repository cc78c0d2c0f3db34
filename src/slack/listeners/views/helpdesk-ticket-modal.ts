import type { App } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { TicketDraft } from '../../../connectors/connector.js';
import { ticketModalSubmitted } from '../../../services/connectors/tickets.js';
import { UNKNOWN_FORM } from '../../../views/helpdesk-ticket.js';
import { SlackGateway } from '../../gateway.js';

const Input = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

/** The helpdesk ticket modal's submission: the ticket is asked for with the agent's answers. */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.helpdeskTicket, async ({ ack, body, view, client }) => {
    const read = (blockId: string) => Input.parse(view.state.values[blockId]?.value ?? {});
    const subject = read('ht_subject').value?.trim();
    if (!subject) {
      await ack({ response_action: 'errors', errors: { ht_subject: 'A ticket needs a subject.' } });
      return;
    }
    const answers = TicketDraft.pick({
      subject: true,
      priority: true,
      urgency: true,
      type: true,
      tags: true,
    }).parse({
      subject,
      priority: read('ht_priority').selected_option?.value ?? null,
      urgency: read('ht_urgency').selected_option?.value ?? null,
      type: read('ht_type').selected_option?.value ?? null,
      tags: (read('ht_tags').value ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    });
    const connectorId = read('ht_helpdesk').selected_option?.value;
    const formId = read('ht_form').selected_option?.value;
    if (formId?.startsWith(UNKNOWN_FORM)) {
      const id = formId.slice(UNKNOWN_FORM.length);
      const error = `Zendesk has no ticket form ${id}: pick another (an admin can fix tickets.config.formIds).`;
      await ack({ response_action: 'errors', errors: { ht_form: error } });
      return;
    }
    await ack();
    const slack = new SlackGateway(client, deps.logger);
    await ticketModalSubmitted(deps, slack, view.private_metadata, body.user.id, {
      ...answers,
      ...(connectorId ? { connectorId } : {}),
      ...(formId ? { formId } : {}),
    });
  });
}
