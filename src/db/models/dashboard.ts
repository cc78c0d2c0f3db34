import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { TokenRole } from '../../commands/token.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A one-time sign-in link to the web dashboard (`/triage dashboard`): only the SHA-256 of its
 * random secret is stored; `usedAt` is set by the one redemption that counts.
 */
export const DashboardLinkDocument = z.object({
  _id: ObjectId,
  hash: z.string(),
  teamId: z.string(),
  userId: z.string(),
  role: TokenRole,
  expiresAt: z.date(),
  usedAt: z.date().nullable().default(null),
  createdAt: z.date(),
});
export type DashboardLinkDoc = z.infer<typeof DashboardLinkDocument>;

/** A signed-in dashboard session: the cookie's random id, stored hashed, with who holds it. */
export const DashboardSessionDocument = z.object({
  _id: ObjectId,
  hash: z.string(),
  teamId: z.string(),
  userId: z.string(),
  role: TokenRole,
  /** Sent back by the page in a header on every write (the session's CSRF token). */
  csrf: z.string(),
  expiresAt: z.date(),
  createdAt: z.date(),
});
export type DashboardSessionDoc = z.infer<typeof DashboardSessionDocument>;

const LinkSchema = mongooseSchema(DashboardLinkDocument, {
  timestamps: { createdAt: true, updatedAt: false },
  collection: 'dashboard_links',
});
LinkSchema.index({ hash: 1 }, { unique: true });
LinkSchema.index({ expiresAt: 1 });

const SessionSchema = mongooseSchema(DashboardSessionDocument, {
  timestamps: { createdAt: true, updatedAt: false },
  collection: 'dashboard_sessions',
});
SessionSchema.index({ hash: 1 }, { unique: true });
SessionSchema.index({ expiresAt: 1 });

export type DashboardLinkModel = Model<DashboardLinkDoc>;
export type DashboardSessionModel = Model<DashboardSessionDoc>;
export const dashboardLinkModel = (db: Connection): DashboardLinkModel =>
  db.models.DashboardLink ?? db.model<DashboardLinkDoc>('DashboardLink', LinkSchema);
export const dashboardSessionModel = (db: Connection): DashboardSessionModel =>
  db.models.DashboardSession ?? db.model<DashboardSessionDoc>('DashboardSession', SessionSchema);
