import type { Connection, Model, Query, Schema as SchemaType, UpdateQuery } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema } from './zod-schema.js';

/**
 * One number that every write to the configuration the bot reads per message (workspaces,
 * accounts, channels: settings, links, kinds, names) increases. A bot instance keeps what it
 * derived from that configuration for as long as the number it read with it is still current,
 * so a write on any instance is seen by every other on its next message, at the price of one
 * `_id` read instead of four or five.
 */
export const ConfigVersionDocument = z.object({ _id: z.string(), v: z.number() });
export type ConfigVersionDoc = z.infer<typeof ConfigVersionDocument>;

const ConfigVersionSchema = mongooseSchema(ConfigVersionDocument, {
  collection: 'config_versions',
  versionKey: false,
});

export type ConfigVersionModel = Model<ConfigVersionDoc>;
export const configVersionModel = (db: Connection): ConfigVersionModel =>
  db.models.ConfigVersion ?? db.model<ConfigVersionDoc>('ConfigVersion', ConfigVersionSchema);

/** The single version document's id. */
const VERSION_ID = 'config';

/** The configuration version as stored now (0 before the first write). */
export async function readConfigVersion(versions: ConfigVersionModel): Promise<number> {
  return (await versions.findById(VERSION_ID, { v: 1 }).lean())?.v ?? 0;
}

async function bump(db: Connection): Promise<void> {
  await configVersionModel(db).updateOne({ _id: VERSION_ID }, { $inc: { v: 1 } }, { upsert: true });
}

/** Fields whose writes leave the configuration as it was (set by mongoose, or counters). */
const ALWAYS_VOLATILE = ['updatedAt', 'createdAt'];

/** The top-level fields an update writes; undefined for a whole-document replacement. */
function fieldsWritten(update: UpdateQuery<unknown> | null): string[] | undefined {
  if (!update) return [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(update)) {
    if (!key.startsWith('$')) return undefined;
    if (key === '$setOnInsert') continue;
    for (const path of Object.keys(value as object)) fields.push(path.split('.')[0] as string);
  }
  return fields;
}

/**
 * A schema plugin: every write through the model bumps the configuration version, except an
 * update that writes only `volatile` fields (per-message counters, the out-of-office slot).
 * Hooks run after the write, so a reader that sees the new version also sees the change.
 */
export function bumpsConfigVersion(schema: SchemaType, options: { volatile: string[] }): void {
  const volatile = new Set([...ALWAYS_VOLATILE, ...options.volatile]);
  const onUpdate = async function (this: Query<unknown, unknown>) {
    const fields = fieldsWritten(this.getUpdate() as UpdateQuery<unknown> | null);
    if (fields && fields.every((field) => volatile.has(field))) return;
    await bump(this.model.db);
  };
  const onDelete = async function (this: Query<unknown, unknown>) {
    await bump(this.model.db);
  };
  for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne'] as const) {
    schema.post(op, onUpdate);
  }
  for (const op of ['deleteOne', 'deleteMany', 'findOneAndDelete'] as const) {
    schema.post(op, onDelete);
  }
  schema.post('save', async function () {
    await bump(this.db);
  });
  schema.post('insertMany', async function (this: Model<unknown>) {
    await bump(this.db);
  });
}
