import { z } from 'zod';
import type { RequestStatus } from '../requests/request.js';
import { caseSubject, mappedFields, type CaseFields, type CaseSource } from './crm.js';

/**
 * HubSpot as the CRM (issue 14, `crm.type: HUBSPOT`): a request written as a ticket on the
 * customer's company. Pure: what a ticket is made of, and how its pipeline stage reads back.
 */

const Secret = z.string().min(1, 'must not be empty').max(500, 'at most 500 characters');

/**
 * A HubSpot private app's access token (`Authorization: Bearer`), and its client secret: the
 * key HubSpot signs the app's webhook calls with (without it no webhook call is accepted).
 */
export const HubspotCredentials = z
  .strictObject({ access_token: Secret, client_secret: Secret.optional() })
  .meta({ id: 'HubspotCredentials' });
export type HubspotCredentials = z.infer<typeof HubspotCredentials>;

/** The unique-value ticket property holding the request's id unless the connector names another. */
export const DEFAULT_ID_PROPERTY = 'triage_request_id';
/** HubSpot's default ticket pipeline. */
export const DEFAULT_PIPELINE = '0';

/**
 * A request's status as a stage of the default ticket pipeline (1 New, 2 Waiting on contact,
 * 3 Waiting on us, 4 Closed).
 */
export const TICKET_STAGE: Record<RequestStatus, string> = {
  open: '1',
  in_progress: '3',
  on_hold: '2',
  closed: '4',
  discarded: '4',
};
/** The default pipeline's closed stage. */
export const CLOSED_STAGE = '4';

/** A request's priority as a ticket's `hs_ticket_priority`. */
const TICKET_PRIORITY: Record<string, string> = {
  urgent: 'URGENT',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
};

/**
 * A new ticket's properties: subject, content, the pipeline and the stage of the request's
 * status, the priority, then each of `crm.field_mappings` (ticket property → request field)
 * that the request has a value for, over the standard ones.
 */
export function ticketProperties(
  source: CaseSource,
  mappings: Readonly<Record<string, string>>,
  pipeline: string,
): CaseFields {
  const fields: CaseFields = {
    subject: caseSubject(source.text),
    content: source.text.slice(0, 65_000) || '(no text)',
    hs_pipeline: pipeline,
    hs_pipeline_stage: TICKET_STAGE[source.status],
    ...(source.priority && TICKET_PRIORITY[source.priority]
      ? { hs_ticket_priority: TICKET_PRIORITY[source.priority] }
      : {}),
  };
  return { ...fields, ...mappedFields(source, mappings) };
}

/**
 * The ticket status a stage means (`requestMoveForTicket`): the closed stage closes the request,
 * New moves nothing, any other stage means worked on (and reopens a closed request).
 */
export function stageTicketStatus(stage: string): string {
  if (stage === CLOSED_STAGE) return 'closed';
  return stage === TICKET_STAGE.open ? 'new' : 'open';
}

/** Where a person opens a record in HubSpot. */
export const hubspotRecordUrl = (portalId: string, type: 'ticket' | 'company', id: string) =>
  `https://app.hubspot.com/contacts/${portalId}/${type}/${id}`;
