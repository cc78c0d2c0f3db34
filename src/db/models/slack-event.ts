import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema } from './zod-schema.js';

/** A received Slack event id, so a retried or duplicated delivery is processed once. */
export const SlackEventDocument = z.object({
  _id: z.string(),
  teamId: z.string().nullable().default(null),
  state: z.enum(['processing', 'done']),
  /** While processing: until when another delivery must wait (then it may take over). */
  leaseUntil: z.date(),
  /**
   * Set by the write that took the lease. A delivery refused while its write was in flight knows
   * it, so Slack's retry can take over an event stored after all that nobody is processing.
   */
  leaseId: z.string().nullish().default(null),
  receivedAt: z.date(),
  /**
   * The event as Slack sent it (its JSON text), kept until processed so it can be run again
   * after a crash. Text, not a nested document: the ack waits for this insert, and a string
   * costs the database far less to store than a document of a hundred fields (on the embedded
   * engine, twice the ack rate; README, benchmark 1).
   */
  payload: z.string().nullish().default(null),
  attempts: z.number().default(0),
});
export type SlackEventDoc = z.infer<typeof SlackEventDocument>;

const SlackEventSchema = mongooseSchema(SlackEventDocument, {
  collection: 'slack_events',
  versionKey: false,
});
SlackEventSchema.index({ receivedAt: 1 });
SlackEventSchema.index({ state: 1, leaseUntil: 1 });

export type SlackEventModel = Model<SlackEventDoc>;
export const slackEventModel = (db: Connection): SlackEventModel =>
  db.models.SlackEvent ?? db.model<SlackEventDoc>('SlackEvent', SlackEventSchema);
