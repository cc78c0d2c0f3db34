import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { bumpsConfigVersion } from './config-version.js';
import { StoredSettingsField } from './settings-level.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * The CRM record a customer account is linked to (issue 14), its name as last read: a
 * Salesforce Account or a HubSpot company (one at a time: only its two fields are stored).
 */
export const AccountCrm = z.object({
  salesforceAccountId: z.string().optional(),
  salesforceAccountName: z.string().optional(),
  hubspotCompanyId: z.string().optional(),
  hubspotCompanyName: z.string().optional(),
});
export type AccountCrm = z.infer<typeof AccountCrm>;

/** A customer account (e.g. "Acme") owning one or more channels. */
export const AccountDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  name: z.string(),
  /** Its CRM record (`PATCH /api/v1/accounts/{id}`); null until linked. */
  crm: AccountCrm.nullable().default(null),
  settings: StoredSettingsField,
  /** The account's internal channel (`crm.internal_channels`), once made or found and linked. */
  internalChannelId: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AccountDoc = z.infer<typeof AccountDocument>;

/** An account as read from the database, checked once where it is read. */
export const parseAccount = (doc: unknown): AccountDoc => AccountDocument.parse(doc);

const AccountSchema = mongooseSchema(AccountDocument, {
  timestamps: true,
  collection: 'accounts',
  minimize: false,
});
AccountSchema.index({ teamId: 1 });
AccountSchema.index({ teamId: 1, name: 1 }, { unique: true });

// Settings do not depend on the internal channel: linking it leaves the cached settings alone.
AccountSchema.plugin(bumpsConfigVersion, { volatile: ['internalChannelId'] });

export type AccountModel = Model<AccountDoc>;
export const accountModel = (db: Connection): AccountModel =>
  db.models.Account ?? db.model<AccountDoc>('Account', AccountSchema);
