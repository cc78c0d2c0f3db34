import { SUBCOMMANDS, type CommandName } from './usage.js';

/**
 * What a person who does not administer the workspace is told when they run `name`; undefined
 * when anyone may run it (reads). Writes are admin-only so a channel member cannot change how a
 * whole channel is triaged.
 *
 * @example
 * nonAdminRefusal('requests'); // undefined
 * nonAdminRefusal('setup triage'); // ':no_entry: Only workspace admins can set up channels. …'
 */
export function nonAdminRefusal(name: CommandName): string | undefined {
  const { adminOnly } = SUBCOMMANDS[name];
  if (!adminOnly) return undefined;
  return `:no_entry: Only workspace admins can ${adminOnly}. Nothing was changed; \`/triage help\` lists what you can do.`;
}

/** Whether Slack's profile flags make a person a workspace admin (admin, owner or primary owner). */
export function isAdminProfile(
  user: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined,
): boolean {
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}
