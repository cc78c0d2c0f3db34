import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { FieldType } from '../../custom-fields/definition.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** A workspace's custom field definition (`src/custom-fields/definition.ts`); key unique per workspace. */
export const CustomFieldDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
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
CustomFieldSchema.index({ teamId: 1, key: 1 }, { unique: true });

export type CustomFieldModel = Model<CustomFieldDoc>;
export const customFieldModel = (db: Connection): CustomFieldModel =>
  db.models.CustomField ?? db.model<CustomFieldDoc>('CustomField', CustomFieldSchema);
