import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { AttributeModel, FieldType } from '../../custom-fields/definition.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A workspace's custom field definition (`src/custom-fields/definition.ts`), of a request or a
 * contact (`model`; definitions stored before contacts have none: a request's); key unique per
 * workspace and model.
 */
export const CustomFieldDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  model: AttributeModel.default('conversation_attribute'),
  key: z.string(),
  name: z.string(),
  type: FieldType,
  description: z.string().default(''),
  values: z.array(z.string()).default(() => []),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CustomFieldDoc = z.infer<typeof CustomFieldDocument>;

/** A definition as read from the database, checked once where it is read. */
export const parseCustomField = (doc: unknown): CustomFieldDoc => CustomFieldDocument.parse(doc);

const CustomFieldSchema = mongooseSchema(CustomFieldDocument, {
  timestamps: true,
  collection: 'custom_fields',
  minimize: false,
});
CustomFieldSchema.index({ teamId: 1, model: 1, key: 1 }, { unique: true });

/** The index of the key unique per workspace, before contacts had attributes of their own. */
const KEY_PER_WORKSPACE = 'teamId_1_key_1';

/**
 * Before the indexes are built: definitions stored before contacts are a request's (given that
 * model, so the unique index sees it), and the old index that kept a key once per workspace goes.
 */
export async function migrateCustomFields(model: CustomFieldModel): Promise<void> {
  await model.updateMany(
    { model: { $exists: false } },
    { $set: { model: 'conversation_attribute' } },
  );
  const indexes = await model.collection.indexes().catch(() => []);
  if (indexes.some((index) => index.name === KEY_PER_WORKSPACE)) {
    await model.collection.dropIndex(KEY_PER_WORKSPACE);
  }
}

export type CustomFieldModel = Model<CustomFieldDoc>;
export const customFieldModel = (db: Connection): CustomFieldModel =>
  db.models.CustomField ?? db.model<CustomFieldDoc>('CustomField', CustomFieldSchema);
