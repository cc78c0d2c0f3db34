import type { Types } from 'mongoose';
import {
  parseSuggestion,
  type Models,
  type SuggestionDoc,
  type SuggestionState,
} from '../models/index.js';
import type { SuggestionReason } from '../../requests/suggestion.js';
import { isDocumentId, orNull } from './parse.js';

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
    if (!isDocumentId(id)) return null;
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

  /**
   * Keeps at most `cap` kept messages in a channel: the oldest beyond it are deleted (two
   * inserts at once may both trim; each only deletes what is beyond the cap).
   */
  async trimKept(teamId: string, channelId: string, cap: number): Promise<number> {
    const beyond = await this.models.suggestions
      .find({ teamId, channelId, state: 'kept' }, { _id: 1 })
      .sort({ createdAt: -1, _id: -1 })
      .skip(cap)
      .lean();
    if (beyond.length === 0) return 0;
    const ids = beyond.map((doc) => doc._id);
    return (await this.models.suggestions.deleteMany({ _id: { $in: ids } })).deletedCount;
  }

  /** The latest kept messages of a workspace (newest first), at most `limit`, and how many in all. */
  async latestKept(
    teamId: string,
    limit: number,
  ): Promise<{ docs: SuggestionDoc[]; total: number }> {
    const filter = { teamId, state: 'kept' as const };
    const [docs, total] = await Promise.all([
      this.models.suggestions.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean(),
      this.models.suggestions.countDocuments(filter),
    ]);
    return { docs: docs.map(parseSuggestion), total };
  }

  /** The request opened from an accepted suggestion. */
  async opened(id: Types.ObjectId, requestId: string): Promise<void> {
    await this.models.suggestions.updateOne({ _id: id }, { $set: { requestId } });
  }
}
