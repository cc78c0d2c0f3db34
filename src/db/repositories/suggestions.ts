import { Types } from 'mongoose';
import {
  parseSuggestion,
  type Models,
  type SuggestionDoc,
  type SuggestionReason,
  type SuggestionState,
} from '../models/index.js';
import { orNull } from './parse.js';

const DUPLICATE_KEY = 11000;
const suggestionOrNull = orNull(parseSuggestion);

/** What is stored of a message the detector was unsure of, or that opened nothing. */
export interface NewSuggestion {
  teamId: string;
  channelId: string;
  ts: string;
  authorId: string;
  botId?: string;
  text: string;
  why: SuggestionReason;
  state: Extract<SuggestionState, 'pending' | 'kept'>;
}

/** Suggestions and kept messages: one single-document call per operation. */
export class SuggestionStore {
  constructor(private readonly models: Models) {}

  /** Inserts once per message; `created` is false when a redelivery finds it stored already. */
  async insert(input: NewSuggestion): Promise<{ suggestion: SuggestionDoc; created: boolean }> {
    try {
      const doc = await this.models.suggestions.create({ ...input, botId: input.botId ?? null });
      return { suggestion: parseSuggestion(doc.toObject()), created: true };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const { teamId, channelId, ts } = input;
      const stored = await this.models.suggestions.findOne({ teamId, channelId, ts }).lean();
      return { suggestion: parseSuggestion(stored), created: false };
    }
  }

  async byId(id: string): Promise<SuggestionDoc | null> {
    if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/.test(id)) return null;
    return suggestionOrNull(await this.models.suggestions.findById(id).lean());
  }

  /** Where the suggestion's message was posted. */
  async posted(id: Types.ObjectId, post: { channelId: string; ts: string }): Promise<void> {
    await this.models.suggestions.updateOne({ _id: id }, { $set: { post } });
  }

  /**
   * Accepts or dismisses a suggestion still waiting (`pending` or `kept`): one update conditional
   * on the state, so of two clicks at once only one gets the document back.
   */
  async handle(
    id: Types.ObjectId,
    to: Extract<SuggestionState, 'accepted' | 'dismissed'>,
    by: string,
    at: Date,
  ): Promise<SuggestionDoc | null> {
    const after = await this.models.suggestions
      .findOneAndUpdate(
        { _id: id, state: { $in: ['pending', 'kept'] } },
        { $set: { state: to, handledBy: by, handledAt: at } },
        { returnDocument: 'after' },
      )
      .lean();
    return suggestionOrNull(after);
  }

  /** The request opened from an accepted suggestion. */
  async opened(id: Types.ObjectId, requestId: string): Promise<void> {
    await this.models.suggestions.updateOne({ _id: id }, { $set: { requestId } });
  }
}
