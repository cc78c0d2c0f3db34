import { z } from 'zod';
import type { NamedValue } from '../settings/primitives.js';
import { LIVE_STATUSES, STATUS_LABEL } from './lifecycle.js';
import type { RequestStatus } from './request.js';
import type { SenderKind } from './sender.js';

/** An internal ticket's status: its message's buttons move it. */
export const TicketStatus = z.enum(['open', 'in_progress', 'done']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TICKET_STATUS_LABEL: Readonly<Record<TicketStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
};

/** The longest summary and additional field value a ticket keeps. */
export const MAX_SUMMARY = 2000;
export const MAX_FIELD_VALUE = 2000;

/** What a ticket is called wherever it is shown: its workspace-wide number after `IT-`. */
export const ticketLabel = (number: number): string => `IT-${number}`;

/** What `internal_ticket` offers (a channel's effective settings). */
export interface TicketSettings {
  types: readonly NamedValue[];
  tags: readonly NamedValue[];
  severity: readonly NamedValue[];
  additionalFields: readonly { name: string; value: string }[];
  ticket_type_channels: { Product: string | null };
}

/**
 * The channel a ticket of `type` (a value of `types[]`) is posted in: the `Product` type (by its
 * value or its name) in `ticket_type_channels.Product` when that is set; every other type, or
 * Product with no channel of its own, in the request channel's triage channel.
 *
 * @example
 * ticketChannel('product', { types: [{ name: 'Product', value: 'product' }], ticket_type_channels: { Product: 'C0PROD' } }, 'C0TRIAGE');
 * // 'C0PROD'
 */
export function ticketChannel(
  type: string,
  settings: Pick<TicketSettings, 'types' | 'ticket_type_channels'>,
  triageChannelId: string | null,
): string | null {
  const named = settings.types.find((t) => t.value === type);
  const isProduct = type === 'Product' || named?.name === 'Product';
  return (isProduct ? settings.ticket_type_channels.Product : null) ?? triageChannelId;
}

/** Why raising a ticket from a card is refused. */
export type RaiseRefusal = 'no_types' | 'not_agent' | 'not_live';

/**
 * May this person raise an internal ticket on this request? The channel must offer ticket types,
 * the person must be on the support side, and the request live (a card drawn before it was closed
 * or discarded is outdated). Undefined when they may; else the sentence they are shown.
 */
export function raiseRefusal(facts: {
  status: RequestStatus;
  who: SenderKind;
  types: readonly NamedValue[];
}): { reason: RaiseRefusal; text: string } | undefined {
  if (facts.types.length === 0) return { reason: 'no_types', text: NO_TYPES };
  if (facts.who !== 'agent') return { reason: 'not_agent', text: AGENTS_ONLY };
  if (!LIVE_STATUSES.includes(facts.status)) {
    const status = STATUS_LABEL[facts.status].toLowerCase();
    return {
      reason: 'not_live',
      text: `:no_entry: This request is ${status}; internal tickets are raised on open requests only. Nothing was raised.`,
    };
  }
  return undefined;
}

const NO_TYPES =
  ':no_entry: This channel has no internal ticket types (`internal_ticket.types`). Nothing was raised.';
export const AGENTS_ONLY =
  ':no_entry: Only the support team can raise or move internal tickets. Nothing was changed.';

/** The modal's answers as read from `view.state.values`. */
export interface TicketAnswers {
  type: string | null;
  tags: readonly string[];
  severity: string | null;
  /** Additional fields by name, as typed. */
  fields: Readonly<Record<string, string>>;
  summary: string;
}

/** The modal's fields, each the key its error is reported under. */
export type TicketField = 'type' | 'tags' | 'severity' | 'summary' | `field:${string}`;

export type TicketValidation =
  | {
      ok: true;
      ticket: {
        type: string;
        tags: string[];
        severity: string | null;
        fields: { name: string; value: string }[];
        summary: string;
      };
    }
  | { ok: false; errors: Partial<Record<TicketField, string>> };

const names = (list: readonly NamedValue[]) => list.map((v) => v.name).join(', ');

/**
 * Checks the modal's answers against the settings as they are now (they may have changed while
 * the modal was open): the type is required and must be offered, each tag and the severity must
 * be offered, an additional field must still exist and be at most 2000 characters, and the
 * summary must have text. Every refused field is named; nothing is written unless all pass.
 */
export function validateTicket(settings: TicketSettings, answers: TicketAnswers): TicketValidation {
  const errors: Partial<Record<TicketField, string>> = {};
  const type = answers.type;
  if (!type) errors.type = 'Pick a type';
  else if (!settings.types.some((t) => t.value === type))
    errors.type = `"${type}" is not an internal ticket type any more (one of: ${names(settings.types)})`;
  const unknownTags = answers.tags.filter((tag) => !settings.tags.some((t) => t.value === tag));
  if (unknownTags.length)
    errors.tags = `Not a tag any more: ${unknownTags.join(', ')} (one of: ${names(settings.tags) || 'none'})`;
  const severity = answers.severity;
  if (severity && !settings.severity.some((s) => s.value === severity))
    errors.severity = `"${severity}" is not a severity any more (one of: ${names(settings.severity) || 'none'})`;
  const fields: { name: string; value: string }[] = [];
  for (const [name, raw] of Object.entries(answers.fields)) {
    const value = raw.trim();
    if (!settings.additionalFields.some((f) => f.name === name))
      errors[`field:${name}`] = `${name} is not a field of internal tickets any more`;
    else if (value.length > MAX_FIELD_VALUE)
      errors[`field:${name}`] = `${name} is at most ${MAX_FIELD_VALUE} characters`;
    else if (value) fields.push({ name, value });
  }
  const summary = answers.summary.trim();
  if (!summary) errors.summary = 'Write a summary';
  else if (summary.length > MAX_SUMMARY)
    errors.summary = `The summary is at most ${MAX_SUMMARY} characters`;
  if (Object.keys(errors).length > 0 || !type) return { ok: false, errors };
  return { ok: true, ticket: { type, tags: [...answers.tags], severity, fields, summary } };
}

/** What a click on a ticket's status button does. */
export type StatusDecision =
  | { kind: 'change'; from: TicketStatus; to: TicketStatus }
  | { kind: 'same' }
  | { kind: 'refuse'; text: string };

/** A status button: agents only; the status the ticket already has is a no-op. */
export function decideTicketStatus(facts: {
  current: TicketStatus;
  to: TicketStatus;
  who: SenderKind;
}): StatusDecision {
  if (facts.who !== 'agent') return { kind: 'refuse', text: AGENTS_ONLY };
  if (facts.current === facts.to) return { kind: 'same' };
  return { kind: 'change', from: facts.current, to: facts.to };
}
