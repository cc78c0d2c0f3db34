import type { WebhookCreate, WebhookUpdate } from '../../desk/webhook.js';
import { AppError } from '../../errors.js';
import type { SealedSecret } from '../../settings/secrets.js';
import { parseWebhook, type Models, type WebhookDoc } from '../models/index.js';
import { isDocumentId } from './parse.js';

/**
 * A workspace's webhooks: one single-document call per operation. An id that is not the
 * workspace's answers `webhook_not_found`, so a workspace cannot learn which ids exist elsewhere.
 */
export class WebhookStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<WebhookDoc[]> {
    const docs = await this.models.webhooks.find({ teamId }).sort({ createdAt: 1, _id: 1 }).lean();
    return docs.map(parseWebhook);
  }

  /** The webhooks of these workspaces (the outbox's drain, one call per batch). */
  async ofTeams(teamIds: string[]): Promise<WebhookDoc[]> {
    const docs = await this.models.webhooks.find({ teamId: { $in: teamIds } }).lean();
    return docs.map(parseWebhook);
  }

  async count(teamId: string): Promise<number> {
    return this.models.webhooks.countDocuments({ teamId });
  }

  async get(teamId: string, id: string): Promise<WebhookDoc> {
    const doc = isDocumentId(id)
      ? await this.models.webhooks.findOne({ _id: id, teamId }).lean()
      : null;
    if (!doc) throw webhookNotFound(id);
    return parseWebhook(doc);
  }

  /** Webhooks by id whatever their workspace (the delivery worker); a deleted one is absent. */
  async byIds(ids: readonly string[]): Promise<WebhookDoc[]> {
    const valid = [...new Set(ids)].filter(isDocumentId);
    if (valid.length === 0) return [];
    const docs = await this.models.webhooks.find({ _id: { $in: valid } }).lean();
    return docs.map(parseWebhook);
  }

  async create(teamId: string, input: WebhookCreate, secret: SealedSecret): Promise<WebhookDoc> {
    const created = await this.models.webhooks.create({ teamId, ...input, secret });
    return parseWebhook(created.toObject());
  }

  async update(teamId: string, id: string, update: WebhookUpdate): Promise<WebhookDoc> {
    const doc = isDocumentId(id)
      ? await this.models.webhooks
          .findOneAndUpdate({ _id: id, teamId }, { $set: update }, { returnDocument: 'after' })
          .lean()
      : null;
    if (!doc) throw webhookNotFound(id);
    return parseWebhook(doc);
  }

  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.webhooks.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw webhookNotFound(id);
  }
}

export function webhookNotFound(id: string): AppError {
  return new AppError('webhook_not_found', `unknown webhook ${id}`);
}
