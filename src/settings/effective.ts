import { z } from 'zod';
import { Features } from './features/index.js';
import { Provenance } from './levels.js';

/**
 * One channel's effective configuration in seed 000's `data[]` shape; with `?explain=true`,
 * the provenance of every flattened key.
 */
export const RelationshipSettings = z
  .object({
    relationship_id: z.string().meta({ description: 'The Slack channel id' }),
    features: Features,
    provenance: z.record(z.string(), Provenance).optional(),
  })
  .meta({ id: 'RelationshipSettings' });
export type RelationshipSettings = z.infer<typeof RelationshipSettings>;

/** The workspace level: its effective defaults and the keys it locks. */
export const WorkspaceSettings = z.object({
  team_id: z.string(),
  features: Features,
  locks: z.array(z.string()),
  provenance: z.record(z.string(), Provenance).optional(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
