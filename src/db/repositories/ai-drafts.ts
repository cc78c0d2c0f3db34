import type { Models, RequestDoc } from '../models/index.js';

/** A request's drafted reply (AI assist), kept server-side so any length can be offered. */
export class AiDraftStore {
  constructor(private readonly models: Models) {}

  /** Keeps the draft of a request that has none yet (a retried event keeps the first). */
  async save(id: RequestDoc['_id'], text: string, at: Date): Promise<void> {
    await this.models.requests.updateOne(
      { _id: id, aiDraft: { $in: [null] } },
      { $set: { aiDraft: { text, at } } },
    );
  }
}
