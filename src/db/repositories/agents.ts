import type { AgentRole, Availability } from '../../desk/teams.js';
import { parseAgent, type AgentDoc, type Models } from '../models/index.js';

/** Statuses that count towards an agent's load: every one but closed and discarded. */
const LIVE = ['open', 'in_progress', 'on_hold'];

/** A workspace's agents (people with a role record) and their load. */
export class AgentStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<AgentDoc[]> {
    const docs = await this.models.agents.find({ teamId }).sort({ userId: 1 }).lean();
    return docs.map(parseAgent);
  }

  async get(teamId: string, userId: string): Promise<AgentDoc | undefined> {
    const doc = await this.models.agents.findOne({ teamId, userId }).lean();
    return doc ? parseAgent(doc) : undefined;
  }

  async byIds(teamId: string, userIds: readonly string[]): Promise<AgentDoc[]> {
    const docs = await this.models.agents
      .find({ teamId, userId: { $in: [...userIds] } })
      .sort({ userId: 1 })
      .lean();
    return docs.map(parseAgent);
  }

  /**
   * Gives a workspace member a role record or changes it, in one upsert; a new record takes
   * `role` (else `agent`) and `online`. `profile` refreshes the name and e-mail shown.
   */
  async upsert(
    teamId: string,
    userId: string,
    change: { role?: AgentRole; availability?: Availability },
    profile: { name?: string; email?: string | null } = {},
  ): Promise<AgentDoc> {
    const $set = {
      ...(change.role ? { role: change.role } : {}),
      ...(change.availability ? { availability: change.availability } : {}),
      ...(profile.name ? { name: profile.name } : {}),
      ...(profile.email ? { email: profile.email } : {}),
    };
    const $setOnInsert = {
      ...(change.role ? {} : { role: 'agent' }),
      ...(change.availability ? {} : { availability: 'online' }),
      ...(profile.name ? {} : { name: '' }),
      ...(profile.email ? {} : { email: null }),
    };
    const doc = await this.models.agents
      .findOneAndUpdate(
        { teamId, userId },
        { $set, $setOnInsert },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    return parseAgent(doc);
  }

  /** How many live requests each of `userIds` is assigned (absent: none). */
  async openCounts(teamId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.models.requests.aggregate<{ _id: string; count: number }>([
      { $match: { teamId, status: { $in: LIVE }, assigneeId: { $in: [...userIds] } } },
      { $group: { _id: '$assigneeId', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.count]));
  }
}
