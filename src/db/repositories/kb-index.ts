import { KbIndexDocument, type KbIndexDoc, type Models } from '../models/index.js';

const Version = KbIndexDocument.pick({ version: true });
const Stored = KbIndexDocument.pick({ version: true, indexedVersion: true, index: true });
export type StoredIndex = Pick<KbIndexDoc, 'version' | 'indexedVersion' | 'index'>;

/** A workspace's `kb_indexes` document: the articles' version and the index built at one. */
export class KbIndexStore {
  constructor(private readonly models: Models) {}

  /** The version of the workspace's articles (0 before the first article). */
  async version(teamId: string): Promise<number> {
    const doc = await this.models.kbIndexes.findOne({ teamId }, { version: 1 }).lean();
    return doc ? Version.parse(doc).version : 0;
  }

  /** The version and the index stored with it, if any. */
  async stored(teamId: string): Promise<StoredIndex> {
    const doc = await this.models.kbIndexes.findOne({ teamId }).lean();
    return Stored.parse(doc ?? {});
  }

  /** An article changed: the stored index is out of date from now on. */
  async bump(teamId: string): Promise<void> {
    await this.models.kbIndexes.updateOne({ teamId }, { $inc: { version: 1 } }, { upsert: true });
  }

  /** Keeps an index built at `version`, unless an article changed since (then it is stale). */
  async store(teamId: string, version: number, index: string): Promise<void> {
    await this.models.kbIndexes.updateOne(
      { teamId, version },
      { $set: { index, indexedVersion: version } },
    );
  }
}
