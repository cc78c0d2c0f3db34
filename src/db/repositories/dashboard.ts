import { randomBytes } from 'node:crypto';
import type { TokenRole } from '../../commands/token.js';
import { DashboardLinkDocument, DashboardSessionDocument, type Models } from '../models/index.js';
import { hashToken } from './api-tokens.js';

const secret = () => randomBytes(32).toString('base64url');

/** Who a link or session speaks for. */
export interface DashboardUser {
  teamId: string;
  userId: string;
  role: TokenRole;
}

/** What presenting a link came to: a user signed in, or why not. */
export type Redemption =
  { ok: true; user: DashboardUser } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** The identity a session cookie carries, and its CSRF token. */
export const DashboardSession = DashboardSessionDocument.pick({
  teamId: true,
  userId: true,
  role: true,
  csrf: true,
});
export type DashboardSession = typeof DashboardSession._output;

/** One-time sign-in links and sessions of the web dashboard, stored as hashes of their secrets. */
export class DashboardAuthStore {
  constructor(private readonly models: Pick<Models, 'dashboardLinks' | 'dashboardSessions'>) {}

  /** A new link's secret (returned once; only its hash is kept), valid until `expiresAt`. */
  async createLink(user: DashboardUser, expiresAt: Date): Promise<string> {
    const token = secret();
    await this.models.dashboardLinks.create({ hash: hashToken(token), ...user, expiresAt });
    return token;
  }

  /**
   * Uses a link once: one conditional update marks it used, so of two redemptions at the same
   * moment only one signs in. A refused link is read again to say why.
   */
  async redeem(token: string, now: Date): Promise<Redemption> {
    if (token.length > 200) return { ok: false, reason: 'unknown' };
    const hash = hashToken(token);
    const used = await this.models.dashboardLinks
      .findOneAndUpdate({ hash, usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now } })
      .lean();
    if (used) {
      const { teamId, userId, role } = DashboardLinkDocument.parse(used);
      return { ok: true, user: { teamId, userId, role } };
    }
    const found = await this.models.dashboardLinks.findOne({ hash }).lean();
    if (!found) return { ok: false, reason: 'unknown' };
    return { ok: false, reason: DashboardLinkDocument.parse(found).usedAt ? 'used' : 'expired' };
  }

  /** Opens a session; answers the cookie's secret (kept only hashed) and the session's CSRF token. */
  async openSession(user: DashboardUser, expiresAt: Date): Promise<{ id: string; csrf: string }> {
    const id = secret();
    const csrf = secret();
    await this.models.dashboardSessions.create({ hash: hashToken(id), ...user, csrf, expiresAt });
    return { id, csrf };
  }

  /** The live session a cookie names, or undefined (unknown, ended or expired). */
  async session(id: string, now: Date): Promise<DashboardSession | undefined> {
    if (id.length > 200) return undefined;
    const found = await this.models.dashboardSessions
      .findOne({ hash: hashToken(id), expiresAt: { $gt: now } })
      .lean();
    return found ? DashboardSession.parse(found) : undefined;
  }

  /**
   * Deletes sessions that have expired and links that expired before `linksBefore` (kept a while
   * so a late press still reads "expired", not "not valid"); answers how many of each went.
   */
  async sweep(now: Date, linksBefore: Date): Promise<{ links: number; sessions: number }> {
    const links = await this.models.dashboardLinks.deleteMany({ expiresAt: { $lt: linksBefore } });
    const sessions = await this.models.dashboardSessions.deleteMany({ expiresAt: { $lte: now } });
    return { links: links.deletedCount, sessions: sessions.deletedCount };
  }

  /** Ends a session (sign out). */
  async endSession(id: string): Promise<void> {
    await this.models.dashboardSessions.deleteOne({ hash: hashToken(id) });
  }
}
