import { Schema, Types, type Connection, type Model } from 'mongoose';
import { StoredSettingsSchema, type StoredSettings } from './settings-level.js';
import { bumpsConfigVersion } from './config-version.js';

/** A customer account (e.g. "Acme") owning one or more channels. */
export interface AccountDoc {
  _id: Types.ObjectId;
  teamId: string;
  name: string;
  settings: StoredSettings;
  createdAt: Date;
  updatedAt: Date;
}

const AccountSchema = new Schema<AccountDoc>(
  {
    teamId: { type: String, required: true, index: true },
    name: { type: String, required: true },
    settings: { type: StoredSettingsSchema, default: () => ({}) },
  },
  { timestamps: true, collection: 'accounts', minimize: false },
);
AccountSchema.index({ teamId: 1, name: 1 }, { unique: true });

AccountSchema.plugin(bumpsConfigVersion, { volatile: [] });

export type AccountModel = Model<AccountDoc>;
export const accountModel = (db: Connection): AccountModel =>
  db.models.Account ?? db.model<AccountDoc>('Account', AccountSchema);
