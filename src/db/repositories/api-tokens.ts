import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../models/index.js';

const TOKEN_PREFIX = 'tbt_';

/** SHA-256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an API token for a workspace; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  models: Models,
  teamId: string,
  createdBy: string,
): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await models.apiTokens.create({
    hash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    teamId,
    createdBy,
  });
  return token;
}

/**
 * The workspace a presented token belongs to and who created it, or undefined for an unknown or
 * revoked one.
 */
export async function tokenOwner(
  models: Models,
  token: string,
): Promise<{ teamId: string; createdBy: string } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const found = await models.apiTokens
    .findOneAndUpdate(
      { hash: hashToken(token), revokedAt: null },
      { $set: { lastUsedAt: new Date() } },
    )
    .lean();
  return found ? { teamId: found.teamId, createdBy: found.createdBy } : undefined;
}
