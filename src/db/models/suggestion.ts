import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { SuggestionReason } from '../../requests/suggestion.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * `pending`: posted, waiting for Create request / Dismiss; `kept`: stored for review in App Home
 * (`store_non_suggested_request`); `accepted` / `dismissed`: someone handled it.
 */
export const SuggestionState = z.enum(['pending', 'kept', 'accepted', 'dismissed']);
export type SuggestionState = z.infer<typeof SuggestionState>;

const nullDate = () => z.date().nullable().default(null);
const nullString = () => z.string().nullable().default(null);

/**
 * A top-level message of a customer channel the detector was unsure of (a suggestion) or that
 * opened nothing (kept for review). Unique on `(teamId, channelId, ts)`: the bot inserts first
 * and posts only when its insert won, so Slack redeliveries post one suggestion. Create request /
 * Dismiss are one update conditional on the state, so two clicks at once act once.
 */
export const SuggestionDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  channelId: z.string(),
  ts: z.string(),
  /** The author: a user id, else the bot id of a whitelisted bot. */
  authorId: z.string(),
  /** Set when the author is a bot (`bot_id`), so a request opened from it says so. */
  botId: nullString(),
  text: z.string().default(''),
  why: SuggestionReason,
  state: SuggestionState,
  /** The suggestion's message in the suggestions channel. */
  post: z.object({ channelId: z.string(), ts: z.string() }).nullable().default(null),
  handledBy: nullString(),
  handledAt: nullDate(),
  requestId: nullString(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SuggestionDoc = z.infer<typeof SuggestionDocument>;

/** A suggestion as read from the database, checked once where it is read. */
export const parseSuggestion = (doc: unknown): SuggestionDoc => SuggestionDocument.parse(doc);

const SuggestionSchema = mongooseSchema(SuggestionDocument, {
  timestamps: true,
  collection: 'suggestions',
  minimize: false,
});
SuggestionSchema.index({ teamId: 1, channelId: 1, ts: 1 }, { unique: true });
SuggestionSchema.index({ teamId: 1, state: 1, createdAt: -1 });

export type SuggestionModel = Model<SuggestionDoc>;
export const suggestionModel = (db: Connection): SuggestionModel =>
  db.models.Suggestion ?? db.model<SuggestionDoc>('Suggestion', SuggestionSchema);
