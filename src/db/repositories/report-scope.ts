import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { parseDeskTeam, type Models } from '../models/index.js';
import { isDocumentId } from './parse.js';

/** Live requests with no assignee, and with no agent's reply yet. */
export interface Backlog {
  open: number;
  unassigned: number;
  unattended: number;
}

/** What a report's live counts are limited to (request fields; none: the whole workspace). */
export type BacklogMatch = Record<string, unknown>;

/**
 * What the reports read besides rollups: whether a report's subject is the workspace's, and the
 * live backlog, counted with indexed count queries (`{teamId, status, assigneeId}`).
 */
export class ReportScopeStore {
  constructor(private readonly models: Models) {}

  async channelExists(teamId: string, channelId: string): Promise<boolean> {
    return !!(await this.models.channels.exists({ teamId, channelId }));
  }

  /** The channel ids of the workspace's account; null when it has no such account. */
  async accountChannels(teamId: string, accountId: string): Promise<string[] | null> {
    if (!isDocumentId(accountId)) return null;
    if (!(await this.models.accounts.exists({ _id: accountId, teamId }))) return null;
    const channels = await this.models.channels
      .find({ teamId, accountId }, { channelId: 1 })
      .lean();
    return channels.map((channel) => String(channel.channelId));
  }

  /** Whether the user is one of the workspace's agents or was ever assigned one of its requests. */
  async agentKnown(teamId: string, userId: string): Promise<boolean> {
    return (
      !!(await this.models.agents.exists({ teamId, userId })) ||
      !!(await this.models.requests.exists({ teamId, assigneeId: userId }))
    );
  }

  /** The members of the workspace's team; null when it has no such team. */
  async teamMembers(teamId: string, id: string): Promise<string[] | null> {
    if (!isDocumentId(id)) return null;
    const doc = await this.models.deskTeams.findOne({ _id: id, teamId }).lean();
    return doc ? parseDeskTeam(doc).memberIds : null;
  }

  /** Live requests matching `match`: all, unassigned, and not answered yet. */
  async backlog(teamId: string, match: BacklogMatch = {}): Promise<Backlog> {
    const live = { teamId, status: { $in: LIVE_STATUSES }, ...match };
    const count = (extra: object) => this.models.requests.countDocuments({ ...live, ...extra });
    const [open, unassigned, unattended] = await Promise.all([
      count({}),
      match.assigneeId ? Promise.resolve(0) : count({ assigneeId: null }),
      count({ firstResponseAt: null }),
    ]);
    return { open, unassigned, unattended };
  }

  /** Per assignee: live requests, and those not answered yet. */
  async byAgent(teamId: string): Promise<Map<string, { open: number; unattended: number }>> {
    const group = (extra: object) =>
      this.models.requests.aggregate<{ _id: string; count: number }>([
        { $match: { teamId, status: { $in: LIVE_STATUSES }, assigneeId: { $ne: null }, ...extra } },
        { $group: { _id: '$assigneeId', count: { $sum: 1 } } },
      ]);
    const [open, unattended] = await Promise.all([group({}), group({ firstResponseAt: null })]);
    const out = new Map<string, { open: number; unattended: number }>();
    for (const row of open) out.set(row._id, { open: row.count, unattended: 0 });
    for (const row of unattended) {
      const entry = out.get(row._id) ?? { open: 0, unattended: 0 };
      out.set(row._id, { ...entry, unattended: row.count });
    }
    return out;
  }
}
