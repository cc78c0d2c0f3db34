import { z } from 'zod';
import { isAdminProfile } from './access.js';

/**
 * The role an API token carries, its creator's (seed 003's agent roles): `administrator` may do
 * everything; `agent` works requests but not settings, channels, accounts or other workspace
 * configuration.
 */
export const TokenRole = z.enum(['administrator', 'agent']);
export type TokenRole = z.infer<typeof TokenRole>;

/** What Slack's `users.info` says of the person asking for a token. */
export interface TokenAsker {
  team_id?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/**
 * The role of the token `/triage token` makes, its creator's: a workspace admin's is an
 * `administrator` token; a full member of the workspace (the support side: not a guest, not a
 * bot, not someone of a customer's organisation in a Slack Connect channel) gets an `agent`
 * token; anyone else none.
 *
 * @example
 * tokenRole({ team_id: 'T1', is_admin: true }, 'T1'); // 'administrator'
 * tokenRole({ team_id: 'T0ACME' }, 'T1'); // undefined
 */
export function tokenRole(user: TokenAsker | undefined, teamId: string): TokenRole | undefined {
  if (!user || user.deleted || user.is_bot) return undefined;
  if (isAdminProfile(user)) return 'administrator';
  if (user.team_id !== teamId || user.is_restricted || user.is_ultra_restricted) return undefined;
  return 'agent';
}

/** What a person who may not hold a token is told. */
export const NO_TOKEN =
  ':no_entry: API tokens are for the support team: workspace members who are not guests. Nothing was created.';

/**
 * The answer to `/triage token`: the new secret with a ready-to-run example. It appears only in
 * this ephemeral reply (it is stored as a hash and never logged), so the reply says to copy it now.
 * An agent's token is told what it may not do.
 */
export function tokenReplyText(token: string, role: TokenRole = 'administrator'): string {
  const example =
    role === 'administrator'
      ? '/api/v1/workspace/settings'
      : '/api/v1/custom_attribute_definitions';
  return [
    ':key: A new API token for this workspace. It is shown only this once, so copy it now:',
    `\`\`\`${token}\`\`\``,
    ...(role === 'agent'
      ? [
          "It is an *agent's* token, as you are: it works requests; settings, channels and accounts need an admin's token.",
        ]
      : []),
    'Try it (with the address your Triage app is served at):',
    `\`\`\`curl -H "Authorization: Bearer ${token}" https://YOUR-TRIAGE-HOST${example}\`\`\``,
  ].join('\n');
}
