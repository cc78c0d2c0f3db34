import { Schema, type Connection, type Model } from 'mongoose';

/** A received Slack event id, so a retried or duplicated delivery is processed once. */
export interface SlackEventDoc {
  _id: string;
  teamId: string | null;
  state: 'processing' | 'done';
  /** While processing: until when another delivery must wait (then it may take over). */
  leaseUntil: Date;
  /**
   * Set by the write that took the lease. A delivery refused while its write was in flight knows
   * it, so Slack's retry can take over an event stored after all that nobody is processing.
   */
  leaseId?: string | null;
  receivedAt: Date;
  /** The event as Slack sent it, kept until processed so it can be run again after a crash. */
  payload?: Record<string, unknown> | null;
  attempts: number;
}

const SlackEventSchema = new Schema<SlackEventDoc>(
  {
    _id: { type: String, required: true },
    teamId: { type: String, default: null },
    state: { type: String, enum: ['processing', 'done'], required: true },
    leaseUntil: { type: Date, required: true },
    leaseId: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, default: null },
    attempts: { type: Number, default: 0 },
  },
  { collection: 'slack_events', versionKey: false },
);
SlackEventSchema.index({ receivedAt: 1 });
SlackEventSchema.index({ state: 1, leaseUntil: 1 });

export type SlackEventModel = Model<SlackEventDoc>;
export const slackEventModel = (db: Connection): SlackEventModel =>
  db.models.SlackEvent ?? db.model<SlackEventDoc>('SlackEvent', SlackEventSchema);
