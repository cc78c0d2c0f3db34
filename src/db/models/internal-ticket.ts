import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { TicketStatus } from '../../requests/internal-ticket.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * An internal ticket raised from a request (`internal_ticket`): numbered per workspace (shown
 * `IT-<number>`), posted in its type's channel with status buttons. Unique on `(teamId, viewId)`:
 * the modal's view id, so a retried submission makes no second ticket; and on `(teamId, number)`.
 */
export const InternalTicketDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  requestId: z.string(),
  number: z.number().int().min(1),
  /** The `view.id` of the modal it was submitted from. */
  viewId: z.string(),
  type: z.string(),
  tags: z.array(z.string()).default(() => []),
  severity: z.string().nullable().default(null),
  fields: z.array(z.object({ name: z.string(), value: z.string() })).default(() => []),
  summary: z.string(),
  status: TicketStatus.default('open'),
  /** Its message: null until posted (or when posting failed). */
  post: z.object({ channelId: z.string(), ts: z.string() }).nullable().default(null),
  createdBy: z.string(),
  createdAt: z.date(),
  history: z
    .array(z.object({ status: TicketStatus, by: z.string(), at: z.date() }))
    .default(() => []),
});
export type InternalTicketDoc = z.infer<typeof InternalTicketDocument>;

/** A ticket as read from the database, checked once where it is read. */
export const parseInternalTicket = (doc: unknown): InternalTicketDoc =>
  InternalTicketDocument.parse(doc);

const InternalTicketSchema = mongooseSchema(InternalTicketDocument, {
  collection: 'internal_tickets',
  minimize: false,
});
InternalTicketSchema.index({ teamId: 1, viewId: 1 }, { unique: true });
InternalTicketSchema.index({ teamId: 1, number: 1 }, { unique: true });
InternalTicketSchema.index({ requestId: 1 });

export type InternalTicketModel = Model<InternalTicketDoc>;
export const internalTicketModel = (db: Connection): InternalTicketModel =>
  db.models.InternalTicket ?? db.model<InternalTicketDoc>('InternalTicket', InternalTicketSchema);

/** A named sequence (`internal_ticket:<team id>`): `$inc` hands out each number once. */
export const CounterDocument = z.object({ _id: z.string(), seq: z.number().int().default(0) });
export type CounterDoc = z.infer<typeof CounterDocument>;
export const parseCounter = (doc: unknown): CounterDoc => CounterDocument.parse(doc);

const CounterSchema = mongooseSchema(CounterDocument, {
  collection: 'counters',
  versionKey: false,
});

export type CounterModel = Model<CounterDoc>;
export const counterModel = (db: Connection): CounterModel =>
  db.models.Counter ?? db.model<CounterDoc>('Counter', CounterSchema);
