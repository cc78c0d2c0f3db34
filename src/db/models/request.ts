import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { FieldValue } from '../../custom-fields/values.js';
import { StoredPriority } from '../../desk/conversation.js';
import { HistoryEntry, RequestSource, RequestStatus } from '../../requests/request.js';
import { WebhookEvent } from '../../desk/webhook.js';
import { ConnectorOutboxTask } from './connector.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

const nullDate = () => z.date().nullable().default(null);
const nullString = () => z.string().nullable().default(null);

/** A rating (1–5, `scale` the buttons shown) and a comment: a request's, or its ticket's. */
const FeedbackSchema = z.object({
  rating: z.number().nullable().default(null),
  scale: nullString(),
  text: nullString(),
  at: z.date().nullable(),
});

/**
 * A webhook event waiting in a request's outbox: its idempotency key, name and time, and for a
 * message event the message's id (absent otherwise: the worker pulls events as it read them).
 */
export const OutboxEvent = z.object({
  id: z.string(),
  event: WebhookEvent,
  at: z.date(),
  messageId: z.string().optional(),
});
export type OutboxEvent = z.infer<typeof OutboxEvent>;

/** An AI classification suggestion as stored on its request (`src/requests/ai-classification.ts`). */
export const AiSuggestion = z.object({
  subType: nullString(),
  tags: z.array(z.string()).default(() => []),
  categories: z.array(z.object({ name: z.string(), value: z.string() })).default(() => []),
  at: z.date(),
  state: z.enum(['pending', 'applied', 'dismissed']),
  by: nullString(),
  settledAt: nullDate(),
});
export type AiSuggestion = z.infer<typeof AiSuggestion>;

/** A stored request (DESIGN.md §4); `(teamId, channelId, rootTs)` is unique so retries never duplicate. */
export const RequestDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  channelId: z.string(),
  rootTs: z.string(),
  requesterId: z.string(),
  text: z.string().default(''),
  /** Where the customer wrote from: Slack, e-mail or the web form (older requests: `slack`). */
  source: RequestSource.default('slack'),
  groupedTs: z.array(z.string()).default(() => []),
  status: RequestStatus.default('open'),
  assigneeId: nullString(),
  createdAt: z.date(),
  updatedAt: z.date(),
  firstResponseAt: nullDate(),
  lastCustomerActivityAt: z.date(),
  lastAgentActivityAt: nullDate(),
  closedAt: nullDate(),
  /** Why it was last closed, when a reason was given (`deflected`); cleared when it reopens. */
  closeReason: nullString(),
  triage: z.object({
    channelId: nullString(),
    ts: nullString(),
    claimedAt: nullDate(),
    /** When triage clean-up deleted the card: a closed request's card is not posted again. */
    deletedAt: nullDate(),
  }),
  sla: z.object({
    responseDueAt: nullDate(),
    responseBreachedAt: nullDate(),
    closureDueAt: nullDate(),
    closureBreachedAt: nullDate(),
    pausedAt: nullDate(),
    /** Breaches recorded whose alert has not been sent yet (an outbox: a crash leaves it here). */
    alertsPending: z.array(z.enum(['response', 'closure'])).default(() => []),
  }),
  nudgedAt: nullDate(),
  /**
   * The request's ticket: in the helpdesk of `connectorId` (its `url` and last known `status`),
   * or without a connector the bot's own placeholder (🎫 when the channel names no helpdesk).
   */
  ticket: z
    .object({
      id: z.string(),
      createdAt: z.date(),
      createdBy: z.string(),
      connectorId: nullString(),
      url: nullString(),
      status: nullString(),
      /** The requester's rating of the ticket once it was solved (ticket CSAT). */
      feedback: FeedbackSchema.nullable().default(null),
      /** The closed ticket this one follows up (`enable_follow_up_ticket`). */
      followUpOf: nullString(),
    })
    .nullable()
    .default(null),
  /**
   * A ticket asked for and not made yet (`pending`, its create task in `connectorTasks`), or
   * given up (`failed`, with why, shown on the card); its `id` is the ticket's `external_id`.
   */
  ticketIntent: z
    .object({
      id: z.string(),
      connectorId: z.string(),
      at: z.date(),
      by: z.string(),
      state: z.enum(['pending', 'failed']),
      error: nullString(),
      /** A follow-up of this closed ticket (the request keeps it until the new one is made). */
      followUpOf: nullString(),
    })
    .nullable()
    .default(null),
  /**
   * The request's Salesforce Case (`crm.*`, `requests.sink.*`): asked for (`pending`, its
   * create task in `connectorTasks`; `intentId` is its External ID value), made (`id`, `url`,
   * last known `status`) or given up (`failed`, with why, shown on the card).
   */
  crmCase: z
    .object({
      connectorId: z.string(),
      /** The CRM it is in: a Salesforce Case, or a HubSpot ticket (`crm.type: HUBSPOT`). */
      vendor: z.enum(['salesforce', 'hubspot']).default('salesforce'),
      intentId: z.string(),
      state: z.enum(['pending', 'made', 'failed']),
      id: nullString(),
      url: nullString(),
      status: nullString(),
      accountId: nullString(),
      accountName: nullString(),
      error: nullString(),
      /** `crm.additional_fields` as last read from the Case (made, and each change polled). */
      fields: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
        .default(() => ({})),
      at: z.date(),
    })
    .nullable()
    .default(null),
  /** Helpdesk tasks recorded with what asked for them (an outbox, like `webhookEvents`). */
  connectorTasks: z.array(ConnectorOutboxTask).default(() => []),
  /**
   * The request's escalations (‼️, the card's Escalate, `/triage escalate`): the last one's who,
   * when and why, and how many. Never null, so one update can `$set` its fields and `$inc` the count.
   */
  escalated: z
    .object({
      at: nullDate(),
      by: nullString(),
      count: z.number().int().min(0).default(0),
      reason: nullString(),
    })
    .prefault({}),
  severity: nullString(),
  /** Seed 003's priority (`toggle_priority`); null is `none`. */
  priority: StoredPriority.nullable().default(null),
  tags: z.array(z.string()).default(() => []),
  category: nullString(),
  /** One of the channel's `requests.ai.requestSubTypes`, set by an agent's Apply of an AI suggestion. */
  subType: nullString(),
  /**
   * The model's classification offered on the card (issue 16): `pending` until an agent applies
   * or dismisses it, so the first click wins (a conditional update on the state).
   */
  aiSuggestion: AiSuggestion.nullable().default(null),
  /**
   * The reply the model drafted for it (`ai_assist_auto_responder`): kept here so its buttons
   * carry only the request's id, whatever the draft's length (a button's value holds 2,000).
   */
  aiDraft: z.object({ text: z.string(), at: z.date() }).nullable().default(null),
  /**
   * The values of the channel's categories (`requests.categories[]`), one entry per category set:
   * a list rather than an object, since a category name may hold `.` or `$`.
   */
  categories: z.array(z.object({ name: z.string(), value: z.string() })).default(() => []),
  /**
   * The values of the workspace's custom fields (`src/custom-fields/values.ts`), by the
   * definition's key: a list, like `categories`, so one conditional update can match all of it.
   */
  customFields: z.array(FieldValue).default(() => []),
  feedback: FeedbackSchema.nullable().default(null),
  history: z.array(HistoryEntry).default(() => []),
  /** Ids of the internal tickets raised from it (`internal_tickets`), oldest first. */
  internalTicketIds: z.array(z.string()).default(() => []),
  /**
   * Webhook events recorded in the same write as the change (an outbox, like
   * `sla.alertsPending`); the webhook worker copies them to `webhook_deliveries` and pulls them.
   */
  webhookEvents: z.array(OutboxEvent).default(() => []),
  /**
   * How many messages its threads hold after the opening one (`messages`), by kind; private
   * notes count as outgoing. Kept when retention blanks the bodies.
   */
  messageCounts: z
    .object({
      incoming: z.number().int().min(0).default(0),
      outgoing: z.number().int().min(0).default(0),
    })
    .prefault({}),
  /**
   * The facts (`src/reports/facts.ts`, as JSON) the report rollups last counted for it: a change
   * counts the difference, claimed by a compare-and-set on this field; null before the first.
   */
  reportFacts: nullString(),
});
export type RequestDoc = z.infer<typeof RequestDocument>;

/** A request as read from the database, checked once where it is read. */
export const parseRequest = (doc: unknown): RequestDoc => RequestDocument.parse(doc);

const RequestSchema = mongooseSchema(RequestDocument, {
  collection: 'requests',
  timestamps: { createdAt: false, updatedAt: true },
  minimize: false,
});
RequestSchema.index({ teamId: 1, channelId: 1, rootTs: 1 }, { unique: true });
RequestSchema.index({ teamId: 1, channelId: 1, requesterId: 1, createdAt: -1 });
RequestSchema.index({ teamId: 1, status: 1, assigneeId: 1 });
// A contact's conversations (`/api/v1/contacts/{id}/conversations`).
RequestSchema.index({ teamId: 1, requesterId: 1, createdAt: -1 });
// The workspace's conversations newest first (`/api/v1/conversations`) and the reports' ranges.
RequestSchema.index({ teamId: 1, createdAt: -1, _id: -1 });
RequestSchema.index({ 'triage.channelId': 1, 'triage.ts': 1 });
RequestSchema.index({ channelId: 1, groupedTs: 1 });
RequestSchema.index({ 'webhookEvents.id': 1 });
RequestSchema.index({ 'connectorTasks.id': 1 });
RequestSchema.index({ 'ticket.connectorId': 1, 'ticket.id': 1 });
RequestSchema.index({ 'crmCase.connectorId': 1, 'crmCase.id': 1 });

export type RequestModel = Model<RequestDoc>;
export const requestModel = (db: Connection): RequestModel =>
  db.models.Request ?? db.model<RequestDoc>('Request', RequestSchema);
