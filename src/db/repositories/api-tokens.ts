import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../models/index.js';
import type { TokenRole } from '../../commands/token.js';
import { ApiTokenDocument } from '../models/api-token.js';

const TOKEN_PREFIX = 'tbt_';

/** SHA-256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates an API token for a workspace with its creator's role (an administrator's unless said);
 * the secret is returned once and only its hash is kept. Its name defaults to its creator.
 */
export async function createApiToken(
  models: Models,
  teamId: string,
  createdBy: string,
  { role = 'administrator', name = createdBy }: { role?: TokenRole; name?: string } = {},
): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await models.apiTokens.create({
    hash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    teamId,
    createdBy,
    role,
    name,
  });
  return token;
}

/** Who a presented token speaks for: its workspace, creator, role and name. */
export const TokenIdentity = ApiTokenDocument.pick({
  teamId: true,
  createdBy: true,
  role: true,
  name: true,
});
export type TokenIdentity = typeof TokenIdentity._output;

/** The identity of a presented token, or undefined for an unknown or revoked one. */
export async function tokenIdentity(
  models: Models,
  token: string,
): Promise<TokenIdentity | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const found = await models.apiTokens
    .findOneAndUpdate(
      { hash: hashToken(token), revokedAt: null },
      { $set: { lastUsedAt: new Date() } },
    )
    .lean();
  return found ? TokenIdentity.parse(found) : undefined;
}
