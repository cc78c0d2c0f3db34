import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** How an arrival was greeted: a welcome shown to a person, or the bot's own join announced. */
export const GREETINGS = ['welcome', 'join-alert'] as const;
export type Greeting = (typeof GREETINGS)[number];

/**
 * An arrival in a channel that has been greeted (or is being greeted): a welcome message shown
 * to a person, or, with the bot's own user id, the bot's join announced in the alerts channel.
 * The unique index on `(teamId, channelId, userId)` is the "once per user per channel, ever"
 * rule: the bot inserts first and posts only when its insert won, so Slack retries and
 * parallel deliveries post once. (Inserting into a unique index is the one claim that is
 * atomic on FerretDB 1.24 as well as MongoDB; conditional updates are not atomic there.)
 */
export const WelcomeDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  channelId: z.string(),
  userId: z.string(),
  greeting: z.enum(GREETINGS),
  createdAt: z.date(),
});
export type WelcomeDoc = z.infer<typeof WelcomeDocument>;

const WelcomeSchema = mongooseSchema(WelcomeDocument, {
  timestamps: { createdAt: true, updatedAt: false },
  collection: 'welcomes',
});
WelcomeSchema.index({ teamId: 1, channelId: 1, userId: 1 }, { unique: true });

export type WelcomeModel = Model<WelcomeDoc>;
export const welcomeModel = (db: Connection): WelcomeModel =>
  db.models.Welcome ?? db.model<WelcomeDoc>('Welcome', WelcomeSchema);
