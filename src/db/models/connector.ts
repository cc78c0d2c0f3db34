import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { ConnectorOptions, ConnectorType, TicketDraft } from '../../connectors/connector.js';
import { SealedSecret } from '../../settings/secrets.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A workspace's helpdesk connector (`src/connectors/`): its credentials stored as one sealed
 * JSON text (settings' key), never returned; `vendorUserId`: who they log in as there, so the
 * comments the bot writes are known when the helpdesk sends them back.
 */
export const ConnectorDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  type: ConnectorType,
  baseUrl: z.string(),
  credentials: SealedSecret,
  options: ConnectorOptions,
  vendorUserId: z.string().nullable().default(null),
  /** Salesforce: the Case's writable field API names at the last check (`crm.field_mappings`). */
  fields: z.array(z.string()).default(() => []),
  /**
   * The last time an admin asked for a check (App Home's Check): when, and the vendor's refusal
   * in words, null when it passed. Saving new credentials checks them too (`updatedAt`).
   */
  lastCheck: z.object({ at: z.date(), error: z.string().nullable() }).nullable().default(null),
  /** Salesforce: all the Case's field API names it may read, at the last check (`crm.additional_fields`). */
  readableFields: z.array(z.string()).default(() => []),
  /**
   * Salesforce: how far the poll of Case changes has got (Salesforce's clock; null: from the
   * connector's creation), who holds it (`lockedUntil`) and its generation (the lease's key).
   */
  caseSync: z
    .object({
      casesSince: z.date().nullable().default(null),
      commentsSince: z.date().nullable().default(null),
      lockedUntil: z.date().nullable().default(null),
      version: z.number().int().default(0),
    })
    .prefault({}),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConnectorDoc = z.infer<typeof ConnectorDocument>;
export const parseConnector = (doc: unknown): ConnectorDoc => ConnectorDocument.parse(doc);

const ConnectorSchema = mongooseSchema(ConnectorDocument, {
  timestamps: true,
  collection: 'connectors',
});
ConnectorSchema.index({ teamId: 1 });

export type ConnectorModel = Model<ConnectorDoc>;
export const connectorModel = (db: Connection): ConnectorModel =>
  db.models.Connector ?? db.model<ConnectorDoc>('Connector', ConnectorSchema);

export const ConnectorTaskKind = z.enum([
  'create',
  'comment',
  'status',
  // A Salesforce Case (`src/connectors/crm.ts`): its upsert, a field update, a CaseComment.
  'case_create',
  'case_update',
  'case_comment',
]);

/**
 * What a task asks of the helpdesk: the ticket to create, a comment to add (the thread
 * message's id, so a redelivered message is one comment) or a status to set.
 */
export const ConnectorTaskPayload = z.object({
  draft: TicketDraft.optional(),
  comment: z.object({ body: z.string(), public: z.boolean() }).optional(),
  status: z.string().optional(),
  /** A Case's fields to write (`case_create`, `case_update`). */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** A Case's fields to read back once made (`case_create`: `crm.additional_fields`). */
  readBack: z.array(z.string()).optional(),
});

/**
 * A task waiting in a request's outbox (`connectorTasks`), written in the same update as what
 * asks for it; the connector worker moves it to `connector_tasks`. Its `id` is the idempotency
 * key (a create's is the ticket's `external_id`).
 */
export const ConnectorOutboxTask = z.object({
  id: z.string(),
  kind: ConnectorTaskKind,
  connectorId: z.string(),
  at: z.date(),
  by: z.string(),
  payload: ConnectorTaskPayload,
});
export type ConnectorOutboxTask = z.infer<typeof ConnectorOutboxTask>;

/**
 * A task being carried out: leased by one instance at a time (`lockedUntil`), retried with
 * backoff; `ambiguous` when an attempt may have done it anyway (looked up before trying again).
 */
export const ConnectorTaskDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  taskId: z.string(),
  requestId: z.string(),
  connectorId: z.string(),
  kind: ConnectorTaskKind,
  by: z.string(),
  payload: ConnectorTaskPayload,
  status: z.enum(['pending', 'done', 'failed']).default('pending'),
  attempts: z.number().int().min(0).default(0),
  nextAttemptAt: z.date(),
  lockedUntil: z.date().nullable().default(null),
  ambiguous: z.boolean().default(false),
  lastError: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConnectorTaskDoc = z.infer<typeof ConnectorTaskDocument>;
export const parseConnectorTask = (doc: unknown): ConnectorTaskDoc =>
  ConnectorTaskDocument.parse(doc);

const TaskSchema = mongooseSchema(ConnectorTaskDocument, {
  timestamps: true,
  collection: 'connector_tasks',
});
TaskSchema.index({ taskId: 1 }, { unique: true });
TaskSchema.index({ status: 1, nextAttemptAt: 1 });

export type ConnectorTaskModel = Model<ConnectorTaskDoc>;
export const connectorTaskModel = (db: Connection): ConnectorTaskModel =>
  db.models.ConnectorTask ?? db.model<ConnectorTaskDoc>('ConnectorTask', TaskSchema);
