import { parseAiUsage, type Models } from '../models/index.js';

const DUPLICATE_KEY = 11000;

/** The `ai_usage` collection: tokens per workspace and month, for the monthly budget. */
export class AiUsageStore {
  constructor(private readonly models: Pick<Models, 'aiUsage'>) {}

  /** Tokens the workspace used in `month` so far (0 before its first call). */
  async used(teamId: string, month: string): Promise<number> {
    const doc = await this.models.aiUsage.findOne({ teamId, month }).lean();
    return doc ? parseAiUsage(doc).tokens : 0;
  }

  /**
   * Adds one call's tokens with `$inc` (upserting the month's row). Two first calls of a month
   * may race to insert it: the unique index lets one win and the other adds to it again.
   */
  async add(teamId: string, month: string, tokens: number): Promise<void> {
    const inc = { $inc: { tokens, calls: 1 } };
    try {
      await this.models.aiUsage.updateOne({ teamId, month }, inc, { upsert: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      await this.models.aiUsage.updateOne({ teamId, month }, inc);
    }
  }
}
