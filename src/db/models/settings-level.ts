import { z } from 'zod';

/**
 * A level's stored settings: overrides as `{key, value}` pairs (flattened keys contain dots,
 * which MongoDB field names should not), the keys it locks, and a revision for optimistic
 * concurrency: every write is one conditional update on the owning document.
 */
export const StoredSettings = z.object({
  overrides: z.array(z.object({ key: z.string(), value: z.unknown() })).default(() => []),
  locks: z.array(z.string()).default(() => []),
  revision: z.number().default(0),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** The `settings` field of a workspace, account or channel: empty until a level is written. */
export const StoredSettingsField = StoredSettings.prefault({});

export const emptyStoredSettings = (): StoredSettings => StoredSettings.parse({});
