import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { HistoryEntry, RequestStatus } from '../../requests/request.js';
import { RequestStatus as RequestStatusEnum } from '../../requests/request.js';

/** A stored request (DESIGN.md §4); `(teamId, channelId, rootTs)` is unique so retries never duplicate. */
export interface RequestDoc {
  _id: Types.ObjectId;
  teamId: string;
  channelId: string;
  rootTs: string;
  requesterId: string;
  text: string;
  groupedTs: string[];
  status: RequestStatus;
  assigneeId: string | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  lastCustomerActivityAt: Date;
  lastAgentActivityAt: Date | null;
  closedAt: Date | null;
  triage: {
    channelId: string | null;
    ts: string | null;
    claimedAt: Date | null;
    /** When triage clean-up deleted the card: a closed request's card is not posted again. */
    deletedAt: Date | null;
  };
  sla: {
    responseDueAt: Date | null;
    responseBreachedAt: Date | null;
    closureDueAt: Date | null;
    closureBreachedAt: Date | null;
    pausedAt: Date | null;
    /** Breaches recorded whose alert has not been sent yet (an outbox: a crash leaves it here). */
    alertsPending: ('response' | 'closure')[];
  };
  nudgedAt: Date | null;
  /** A ticket made from the request (🎫 with allow_ticket_creation_with_ticket_emoji). */
  ticket: { id: string; createdAt: Date; createdBy: string } | null;
  severity: string | null;
  tags: string[];
  category: string | null;
  feedback: {
    rating: number | null;
    scale: string | null;
    text: string | null;
    at: Date | null;
  } | null;
  history: HistoryEntry[];
}

const RequestSchema = new Schema<RequestDoc>(
  {
    teamId: { type: String, required: true },
    channelId: { type: String, required: true },
    rootTs: { type: String, required: true },
    requesterId: { type: String, required: true },
    text: { type: String, default: '' },
    groupedTs: { type: [String], default: [] },
    status: { type: String, enum: RequestStatusEnum.options, default: 'open' },
    assigneeId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    firstResponseAt: { type: Date, default: null },
    lastCustomerActivityAt: { type: Date, required: true },
    lastAgentActivityAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    triage: {
      channelId: { type: String, default: null },
      ts: { type: String, default: null },
      claimedAt: { type: Date, default: null },
      deletedAt: { type: Date, default: null },
    },
    sla: {
      responseDueAt: { type: Date, default: null },
      responseBreachedAt: { type: Date, default: null },
      closureDueAt: { type: Date, default: null },
      closureBreachedAt: { type: Date, default: null },
      pausedAt: { type: Date, default: null },
      alertsPending: { type: [String], default: [] },
    },
    nudgedAt: { type: Date, default: null },
    ticket: {
      type: new Schema({ id: String, createdAt: Date, createdBy: String }, { _id: false }),
      default: null,
    },
    severity: { type: String, default: null },
    tags: { type: [String], default: [] },
    category: { type: String, default: null },
    feedback: {
      type: new Schema(
        {
          rating: { type: Number, default: null },
          scale: { type: String, default: null },
          text: { type: String, default: null },
          at: Date,
        },
        { _id: false },
      ),
      default: null,
    },
    history: {
      type: [
        new Schema(
          { at: Date, type: String, from: String, to: String, by: String },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { collection: 'requests', timestamps: { createdAt: false, updatedAt: true }, minimize: false },
);
RequestSchema.index({ teamId: 1, channelId: 1, rootTs: 1 }, { unique: true });
RequestSchema.index({ teamId: 1, channelId: 1, requesterId: 1, createdAt: -1 });
RequestSchema.index({ teamId: 1, status: 1, assigneeId: 1 });
RequestSchema.index({ 'triage.channelId': 1, 'triage.ts': 1 });
RequestSchema.index({ channelId: 1, groupedTs: 1 });

export type RequestModel = Model<RequestDoc>;
export const requestModel = (db: Connection): RequestModel =>
  db.models.Request ?? db.model<RequestDoc>('Request', RequestSchema);
