import { Schema, type Connection, type Model } from 'mongoose';

/** A received Slack event id, so a retried or duplicated delivery is processed once. */
export interface SlackEventDoc {
  _id: string;
  teamId: string | null;
  state: 'processing' | 'done';
  /** While processing: until when another delivery must wait (then it may take over). */
  leaseUntil: Date;
  receivedAt: Date;
}

const SlackEventSchema = new Schema<SlackEventDoc>(
  {
    _id: { type: String, required: true },
    teamId: { type: String, default: null },
    state: { type: String, enum: ['processing', 'done'], required: true },
    leaseUntil: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'slack_events', versionKey: false },
);
SlackEventSchema.index({ receivedAt: 1 });

export type SlackEventModel = Model<SlackEventDoc>;
export const slackEventModel = (db: Connection): SlackEventModel =>
  db.models.SlackEvent ?? db.model<SlackEventDoc>('SlackEvent', SlackEventSchema);
