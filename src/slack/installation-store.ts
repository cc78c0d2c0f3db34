import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import type { WorkspaceModel } from '../db/models/index.js';

/**
 * What an installation read back from the database must have for the bot to act: a bot token
 * and bot user, and the team or enterprise it belongs to. Other fields Bolt stored pass through.
 */
export const StoredInstallation = z.looseObject({
  team: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  enterprise: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  bot: z.looseObject({
    token: z.string().min(1),
    userId: z.string().min(1),
    id: z.string().optional(),
    scopes: z.array(z.string()).default([]),
  }),
  isEnterpriseInstall: z.boolean().optional(),
  authVersion: z.enum(['v1', 'v2']).optional(),
});
export type StoredInstallation = z.infer<typeof StoredInstallation>;

/** Where an installation lives: its team's document, or its enterprise's for org-wide installs. */
function keyOf(query: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): string {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id)
    throw new Error(`installation query names no team or enterprise: ${JSON.stringify(query)}`);
  return id;
}

/**
 * @slack/oauth's `InstallationStore` on the `workspaces` collection. A workspace install is kept
 * on the team's document (`_id` = team id); an Enterprise Grid org-wide install on a document of
 * its own with `_id` = enterprise id and `isEnterpriseInstall: true`. A re-install overwrites the
 * installation; uninstalling removes it and keeps the workspace's settings.
 */
export class MongoInstallationStore implements InstallationStore {
  constructor(private readonly workspaces: WorkspaceModel) {}

  async storeInstallation<V extends 'v1' | 'v2'>(
    installation: Installation<V, boolean>,
  ): Promise<void> {
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const id = keyOf({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall,
    });
    // A JSON round trip drops the `undefined` fields Bolt leaves (the driver would store nulls).
    const stored = JSON.parse(JSON.stringify(installation)) as Record<string, unknown>;
    const name = isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
    await this.workspaces.updateOne(
      { _id: id },
      {
        $set: {
          installation: stored,
          isEnterpriseInstall,
          ...(installation.bot ? { botUserId: installation.bot.userId } : {}),
          ...(name ? { name } : {}),
          ...(!isEnterpriseInstall && installation.enterprise?.id
            ? { enterpriseId: installation.enterprise.id }
            : {}),
        },
      },
      { upsert: true },
    );
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = keyOf(query);
    const doc = await this.workspaces.findById(id, { installation: 1 }).lean();
    if (!doc?.installation) throw new Error(`no installation for ${id}`);
    const parsed = StoredInstallation.safeParse(doc.installation);
    if (!parsed.success) throw new Error(`stored installation of ${id} is unusable`);
    // Checked above for what the bot needs; the rest is Bolt's own shape, stored as given.
    return parsed.data as unknown as Installation;
  }

  /**
   * Removes the installation (e.g. on `app_uninstalled`), keeping the workspace and its settings.
   * With a `userId` only that installing user's token goes (`tokens_revoked` for a user).
   */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = keyOf(query);
    if (query.userId) {
      await this.workspaces.updateOne(
        { _id: id, 'installation.user.id': query.userId },
        { $unset: { 'installation.user': 1 } },
      );
      return;
    }
    await this.workspaces.updateOne({ _id: id }, { $unset: { installation: 1, botUserId: 1 } });
  }

  /** The bot token for acting in `teamId`: its own installation, else its org's, if any. */
  async botToken(teamId: string): Promise<string | undefined> {
    const team = await this.workspaces
      .findById(teamId, { installation: 1, enterpriseId: 1 })
      .lean();
    const own = StoredInstallation.safeParse(team?.installation);
    if (own.success) return own.data.bot.token;
    if (!team?.enterpriseId) return undefined;
    const org = await this.workspaces
      .findOne({ _id: team.enterpriseId, isEnterpriseInstall: true }, { installation: 1 })
      .lean();
    const inherited = StoredInstallation.safeParse(org?.installation);
    return inherited.success ? inherited.data.bot.token : undefined;
  }
}
