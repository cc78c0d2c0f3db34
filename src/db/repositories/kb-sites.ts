import { z } from 'zod';
import type { Models } from '../models/index.js';

const KEY = 'requests.config.knowledge_base_url';
const Level = z.object({
  teamId: z.string().optional(),
  _id: z.unknown(),
  settings: z.object({ overrides: z.array(z.object({ key: z.string(), value: z.unknown() })) }),
});

/**
 * Every `knowledge_base_url` set at any level (workspace, account, channel), by workspace: the
 * sites the crawler reads. One find per level collection, for documents that set the key.
 */
export async function configuredSites(models: Models): Promise<{ teamId: string; url: string }[]> {
  const filter = { 'settings.overrides.key': KEY };
  const projection = { teamId: 1, settings: 1 };
  const found = new Map<string, { teamId: string; url: string }>();
  const levels = [
    ...(await models.workspaces.find(filter, projection).lean()).map((doc) => ({
      ...doc,
      teamId: String(doc._id),
    })),
    ...(await models.accounts.find(filter, projection).lean()),
    ...(await models.channels.find(filter, projection).lean()),
  ];
  for (const doc of levels) {
    const level = Level.parse(doc);
    const url = level.settings.overrides.find((o) => o.key === KEY)?.value;
    if (typeof url === 'string' && url && level.teamId) {
      found.set(`${level.teamId} ${url}`, { teamId: level.teamId, url });
    }
  }
  return [...found.values()];
}
