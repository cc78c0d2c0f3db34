import { Schema } from 'mongoose';

/**
 * A level's stored settings: overrides as `{key, value}` pairs (flattened keys contain dots,
 * which MongoDB field names should not), the keys it locks, and a revision for optimistic
 * concurrency: every write is one conditional update on the owning document.
 */
export interface StoredSettings {
  overrides: { key: string; value: unknown }[];
  locks: string[];
  revision: number;
}

export const StoredSettingsSchema = new Schema<StoredSettings>(
  {
    overrides: { type: [{ _id: false, key: String, value: Schema.Types.Mixed }], default: [] },
    locks: { type: [String], default: [] },
    revision: { type: Number, default: 0 },
  },
  { _id: false },
);

export const emptyStoredSettings = (): StoredSettings => ({
  overrides: [],
  locks: [],
  revision: 0,
});
