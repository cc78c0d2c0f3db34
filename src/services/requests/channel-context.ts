import type { AutomationRuleDoc, ChannelDoc } from '../../db/models/index.js';
import type { Features } from '../../settings/features.js';

/**
 * A channel as a request's code sees it: its document, its effective features and the support
 * side. Built by `channelContext` (`context.ts`); a module of its own so that `deps.ts`, whose
 * request hooks take it, imports nothing that imports `deps.ts` back.
 */
export interface ChannelContext {
  channel: ChannelDoc;
  features: Features;
  /** The support side: the workspace's list plus the members of the linked triage channel. */
  internalUserIds: Set<string>;
  /** The workspace's active automation rules (cached with the configuration); none if absent. */
  rules?: readonly AutomationRuleDoc[];
}
