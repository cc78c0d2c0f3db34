import { z } from 'zod';
import {
  ConnectorCredentials,
  ConnectorType,
  credentialsMismatch,
  credentialsSchemaOf,
} from './credentials.js';
import { ConnectorOptions } from './options.js';
import { Urgency } from './urgency.js';
import type { CommentOnce, TicketComment } from './comments.js';

export { SalesforceCredentials } from './crm.js';
export { HubspotCredentials } from './hubspot.js';
export { ConnectorOptions } from './options.js';
export {
  ApiKeyCredentials,
  ApiTokenCredentials,
  CONNECTOR_TYPES,
  ConnectorCredentials,
  ConnectorType,
  credentialsMismatch,
  credentialsSchemaOf,
  webhookSecretOf,
} from './credentials.js';

/** Connectors (issue 14): the API's shapes, the vendors' one interface, their errors. Pure. */

/** The most connectors a workspace keeps. */
export const MAX_CONNECTORS = 10;

/** Where the vendor's API answers: `https://acme.zendesk.com`. */
export const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(500, 'at most 500 characters')
  .transform((url) => url.replace(/\/+$/, ''));

/** The option a vendor cannot do without, and what it names. */
const NEEDED_OPTION: Partial<Record<ConnectorType, ['project_key' | 'team_key', string]>> = {
  jira: ['project_key', 'the project'],
  linear: ['team_key', 'the team'],
};

/** `POST /api/v1/connectors`. */
export const ConnectorCreate = z
  .strictObject({
    type: ConnectorType,
    base_url: BaseUrl,
    credentials: ConnectorCredentials,
    options: ConnectorOptions.prefault({}),
  })
  .superRefine((input, ctx) => {
    const mismatch = credentialsMismatch(input.type, input.credentials);
    if (mismatch) ctx.addIssue({ code: 'custom', path: ['credentials'], message: mismatch });
    else {
      // The right kind, checked as a whole (Salesforce's username and password go together).
      const credentials = credentialsSchemaOf(input.type).safeParse(input.credentials);
      for (const issue of credentials.error?.issues ?? []) {
        const path = ['credentials', ...issue.path];
        ctx.addIssue({ code: 'custom', path, message: issue.message });
      }
    }
    const [option, what] = NEEDED_OPTION[input.type] ?? [];
    if (option && what && !input.options[option]) {
      const message = `a ${input.type} connector needs ${what} its issues are created in`;
      ctx.addIssue({ code: 'custom', path: ['options', option], message });
    }
  })
  .meta({ id: 'ConnectorCreate' });
export type ConnectorCreate = z.infer<typeof ConnectorCreate>;

/** `PATCH|PUT /api/v1/connectors/{id}`: the type stays; credentials are replaced whole. */
export const ConnectorUpdate = z
  .strictObject({
    base_url: BaseUrl.optional(),
    credentials: ConnectorCredentials.optional(),
    options: ConnectorOptions.partial().optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'ConnectorUpdate' });
export type ConnectorUpdate = z.infer<typeof ConnectorUpdate>;

/** What a ticket is made of: the modal's answers, or the request as it is. */
export const TicketDraft = z.object({
  subject: z.string().min(1).max(250),
  body: z.string().min(1).max(60_000),
  /** Zendesk's `low|normal|high|urgent`; null leaves it unset. */
  priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().default(null),
  /** Zendesk's `problem|incident|question|task`. */
  type: z.enum(['problem', 'incident', 'question', 'task']).nullable().default(null),
  tags: z.array(z.string().min(1).max(80)).max(20).default([]),
  /** False: the opening comment is an internal note (`invisible_only`). */
  public: z.boolean().default(true),
  /** The customer, to be the ticket's requester (`map_submitter_to_requestor`). */
  requester: z.object({ name: z.string(), email: z.string() }).nullable().default(null),
  /** The intent's id (a UUID): Zendesk's `external_id`, Linear's issue `id` (a retry finds it). */
  externalId: z.string(),
  /** Zendesk's `ticket_form_id` (`tickets.config.formIds`); null on other vendors. */
  formId: z.string().nullable().default(null),
  /** The modal's urgency (a tag, a label or a line: `urgency.ts`); null when hidden or unset. */
  urgency: Urgency.nullable().default(null),
  /** The closed ticket this follows up: Zendesk's `via_followup_source_id`, a Jira/Linear link. */
  followUpOf: z.object({ id: z.string(), status: z.string().nullable() }).nullable().default(null),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

/** A ticket as the helpdesk has it. */
export interface TicketRef {
  id: string;
  url: string;
  status: string;
}

/** A helpdesk's event, verified and parsed: a comment added or a status changed. */
export type InboundEvent =
  | {
      kind: 'comment';
      ticketId: string;
      commentId: string;
      body: string;
      authorId: string;
      authorName: string;
      public: boolean;
    }
  | { kind: 'status'; ticketId: string; status: string };

/**
 * One vendor's helpdesk, as the bot uses it. Each call throws a {@link VendorError} saying
 * what went wrong; the worker decides from its kind whether to try again.
 */
export interface Connector {
  /** Who the credentials log in as (their id marks comments the bot wrote: no echo). */
  me(): Promise<{ id: string; name: string }>;
  createTicket(draft: TicketDraft): Promise<TicketRef>;
  /** The ticket an earlier create made, by its `external_id`; null when none was made. */
  findByExternalId(externalId: string): Promise<TicketRef | null>;
  /**
   * Adds a comment; with `once` (the task's key, and whether an earlier try may have made it:
   * an ambiguous failure) at most once, however often the task is tried.
   */
  addComment(ticketId: string, comment: TicketComment, once?: CommentOnce): Promise<void>;
  updateStatus(ticketId: string, status: string): Promise<void>;
  readStatus(ticketId: string): Promise<string>;
  /** The helpdesk user for a person (found by e-mail, else created where the vendor allows). */
  mapUser(person: { name: string; email: string }): Promise<string | null>;
  /** Linear: relates a made follow-up to `draft.followUpOf`, once however often it is called. */
  relateFollowUp?(ticketId: string, draft: TicketDraft): Promise<void>;
}

/**
 * How a vendor call failed: `unauthorized` (401/403: the credentials), `not_found`, `refused`
 * (another 4xx: the request was wrong), `rate_limited` (429, with `retryAfterMs`),
 * `unavailable` (5xx or no answer). `ambiguous`: the vendor may have done it anyway (a create
 * that timed out or failed with a 5xx), so it is looked up before being tried again.
 */
export class VendorError extends Error {
  override name = 'VendorError';
  constructor(
    readonly kind: 'unauthorized' | 'not_found' | 'refused' | 'rate_limited' | 'unavailable',
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly ambiguous = false,
  ) {
    super(message);
  }

  /** Worth trying again later: the vendor was busy or down, not refusing. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

/** The kind of a vendor's answer by HTTP status; undefined for a success. */
export function failureKind(status: number): VendorError['kind'] | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'refused';
}

/** `Retry-After` in ms: seconds, or an HTTP date (relative to `now`); null if absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Seconds to wait after each failed attempt of a task: 6 attempts, then it is given up. */
export const TASK_RETRY_DELAYS_S = [5, 30, 120, 600, 1800] as const;

/**
 * When a failed task is tried again, or `null` to give up: a transient failure waits its
 * `Retry-After` or the next delay; anything else (credentials, a refused request) gives up now.
 */
export function nextAttempt(error: VendorError, attempts: number, now: Date): Date | null {
  if (!error.transient) return null;
  const delayS = TASK_RETRY_DELAYS_S[attempts - 1];
  if (delayS === undefined) return null;
  const waitMs = Math.max(delayS * 1000, error.retryAfterMs ?? 0);
  return new Date(now.getTime() + waitMs);
}

/** A vendor's error in words for the card and the API: `Zendesk answered 401 (…)`. */
export function describeFailure(vendor: string, error: VendorError): string {
  const status = error.status ? ` ${error.status}` : '';
  const why = {
    unauthorized: 'the connector’s credentials were refused; an admin must fix them',
    not_found: 'the ticket or the helpdesk address was not found',
    refused: 'the helpdesk refused the request',
    rate_limited: 'the helpdesk kept asking to slow down',
    unavailable: 'the helpdesk did not answer',
  }[error.kind];
  return `${vendor} answered${status}: ${why} (${error.message})`;
}
