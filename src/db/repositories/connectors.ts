import { AppError } from '../../errors.js';
import type { ConnectorOptions } from '../../connectors/connector.js';
import type { SealedSecret } from '../../settings/secrets.js';
import type { CaseSyncCursor } from '../../connectors/crm-sync.js';
import { claimOnce, parseConnector, type ConnectorDoc, type Models } from '../models/index.js';
import { isDocumentId } from './parse.js';

/** What a connector is stored with (credentials already sealed). */
export interface StoredConnector {
  type: ConnectorDoc['type'];
  baseUrl: string;
  credentials: SealedSecret;
  options: ConnectorOptions;
  vendorUserId: string | null;
  /** Salesforce: the Case's writable fields at the last check. */
  fields?: string[];
  /** Salesforce: all the Case's fields the credentials may read, at the last check. */
  readableFields?: string[];
}

/**
 * A workspace's connectors: one single-document call per operation. An id that is not the
 * workspace's answers `connector_not_found`, so a workspace cannot learn which ids exist elsewhere.
 */
export class ConnectorStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<ConnectorDoc[]> {
    const docs = await this.models.connectors
      .find({ teamId })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    return docs.map(parseConnector);
  }

  async count(teamId: string): Promise<number> {
    return this.models.connectors.countDocuments({ teamId });
  }

  async get(teamId: string, id: string): Promise<ConnectorDoc> {
    const doc = await this.find(teamId, id);
    if (!doc) throw connectorNotFound(id);
    return doc;
  }

  /** The workspace's connector, or null (a channel's `helpdeskIds` may name a deleted one). */
  async find(teamId: string, id: string): Promise<ConnectorDoc | null> {
    const doc = isDocumentId(id)
      ? await this.models.connectors.findOne({ _id: id, teamId }).lean()
      : null;
    return doc ? parseConnector(doc) : null;
  }

  /** A connector by id whatever its workspace (a helpdesk's webhook names only the connector). */
  async byId(id: string): Promise<ConnectorDoc | null> {
    const doc = isDocumentId(id) ? await this.models.connectors.findById(id).lean() : null;
    return doc ? parseConnector(doc) : null;
  }

  async create(teamId: string, input: StoredConnector): Promise<ConnectorDoc> {
    const created = await this.models.connectors.create({ teamId, ...input });
    return parseConnector(created.toObject());
  }

  async update(teamId: string, id: string, set: Partial<StoredConnector>): Promise<ConnectorDoc> {
    const doc = isDocumentId(id)
      ? await this.models.connectors
          .findOneAndUpdate({ _id: id, teamId }, { $set: set }, { returnDocument: 'after' })
          .lean()
      : null;
    if (!doc) throw connectorNotFound(id);
    return parseConnector(doc);
  }

  /** Records a check's outcome, leaving `updatedAt` (the last change) as it was. */
  async recordCheck(teamId: string, id: string, error: string | null, at: Date): Promise<void> {
    if (!isDocumentId(id)) throw connectorNotFound(id);
    const lastCheck = { at, error };
    const done = await this.models.connectors.updateOne(
      { _id: id, teamId },
      { $set: { lastCheck } },
      { timestamps: false },
    );
    if (!done.matchedCount) throw connectorNotFound(id);
  }

  /** Every workspace's connectors of a type (the Salesforce poll). */
  async allOfType(type: ConnectorDoc['type']): Promise<ConnectorDoc[]> {
    const docs = await this.models.connectors.find({ type }).sort({ _id: 1 }).lean();
    return docs.map(parseConnector);
  }

  /**
   * Takes the connector's Case poll for `leaseMs` unless another instance holds it: a unique
   * claim on the state as read (generation and lease), since a conditional update is not
   * atomic on FerretDB 1.24; a lease left by a crash lapses at `lockedUntil`.
   */
  async leaseCaseSync(doc: ConnectorDoc, now: Date, leaseMs: number): Promise<boolean> {
    const { lockedUntil, version } = doc.caseSync;
    if (lockedUntil && lockedUntil > now) return false;
    const key = `case-sync:${String(doc._id)}:${version}:${lockedUntil?.getTime() ?? 0}`;
    if (!(await claimOnce(this.models.claims, key, now))) return false;
    const until = new Date(now.getTime() + leaseMs);
    await this.models.connectors.updateOne(
      { _id: doc._id },
      { $set: { 'caseSync.lockedUntil': until } },
    );
    return true;
  }

  /** Ends a Case poll: its new cursor (none after a failure) and the lease let go. */
  async endCaseSync(doc: ConnectorDoc, cursor: CaseSyncCursor | null): Promise<void> {
    const set = cursor
      ? { 'caseSync.casesSince': cursor.casesSince, 'caseSync.commentsSince': cursor.commentsSince }
      : {};
    await this.models.connectors.updateOne(
      { _id: doc._id },
      { $set: { ...set, 'caseSync.lockedUntil': null }, $inc: { 'caseSync.version': 1 } },
    );
  }

  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.connectors.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw connectorNotFound(id);
  }
}

export function connectorNotFound(id: string): AppError {
  return new AppError('connector_not_found', `unknown connector ${id}`);
}
