import { ApiTokenCredentials } from '../../connectors/connector.js';
import type { ConnectorDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { FormChoice } from '../../views/helpdesk-ticket.js';
import type { ChannelContext } from '../requests/context.js';
import { credentialsOf } from './manage.js';
import { ZendeskClient, type TicketForm } from './zendesk.js';

/**
 * Zendesk ticket forms (`tickets.config.formIds`): the ones the ticket modal offers, and the one
 * a ticket is created with. Other vendors have no ticket forms: they ignore the key.
 */

/** How long the modal waits for Zendesk's forms (a `trigger_id` lasts 3 seconds). */
const FORMS_READ_MS = 1_500;

type FormDeps = Pick<BotDeps, 'models' | 'env' | 'logger'>;

/**
 * The form a ticket in a helpdesk of `type` is created with: `chosen` (the modal's pick) when
 * it is one of the channel's `formIds`, else the first of them (🎫, auto-create); null when
 * none are listed or the helpdesk is not Zendesk.
 */
export function formIdFor(
  ctx: ChannelContext,
  type: ConnectorDoc['type'] | undefined,
  chosen?: string,
): string | null {
  const ids = ctx.features.tickets.config.formIds;
  if (type !== 'zendesk') return null;
  return chosen && ids.includes(chosen) ? chosen : (ids[0] ?? null);
}

/**
 * The forms the modal offers for the picked helpdesk: the channel's `formIds` named as that
 * Zendesk account has them (an id it does not know as "(no such form)"); when that read fails
 * (429, 5xx, no answer in time) each id as "Form <id>". None for another vendor or none picked.
 */
export async function formChoices(
  deps: FormDeps,
  ctx: ChannelContext,
  helpdesk: ConnectorDoc | undefined,
): Promise<FormChoice[]> {
  const { formIds } = ctx.features.tickets.config;
  if (formIds.length === 0 || helpdesk?.type !== 'zendesk') return [];
  const forms = await readForms(deps, helpdesk);
  return formIds.map((id) => {
    if (!forms) return { id, label: `Form ${id}`, known: true };
    const form = forms.find((f) => f.id === id);
    return form
      ? { id, label: form.name, known: true }
      : { id, label: `${id} (no such form)`, known: false };
  });
}

/** The Zendesk account's ticket forms, or null when they could not be read in time. */
async function readForms(deps: FormDeps, doc: ConnectorDoc): Promise<TicketForm[] | null> {
  try {
    const credentials = ApiTokenCredentials.parse(credentialsOf(deps, doc));
    return await new ZendeskClient(doc.baseUrl, credentials).ticketForms(FORMS_READ_MS);
  } catch (error) {
    const err = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ connectorId: String(doc._id), err }, 'Zendesk ticket forms unread');
    return null;
  }
}
