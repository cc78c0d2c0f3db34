import { Schema, Types, type SchemaOptions } from 'mongoose';
import { z } from 'zod';

/**
 * Each collection's shape is written once, as a zod object: its TypeScript type is `z.infer` of
 * it, its mongoose schema is derived here, and `parse` functions in the model modules check what
 * the database returns against it. (The other way round, mongoose's `InferSchemaType`, types
 * every defaulted path as `T | null | undefined` and cannot parse a lean document; zod can.)
 *
 * How a zod schema maps to a mongoose path, mirroring what mongoose would need by hand:
 * - `.default(v)` (or `.prefault(v)`, which zod parses, filling in nested defaults) is the path's
 *   default (objects and arrays fresh for each document);
 * - a top-level field neither optional, nullable nor defaulted is `required`;
 * - strings, numbers, booleans and dates are their mongoose types; `z.enum` adds `enum` (not
 *   to array elements: those are checked when a document is parsed);
 * - `ObjectId` is an ObjectId; `z.unknown()` and `z.record()` are `Mixed`;
 * - an array is an array of its element (objects as sub-schemas without `_id`);
 * - an object is a nested path, or a sub-schema without `_id` when nullable or defaulted;
 * - `_id` as an ObjectId, and the timestamps mongoose sets, are left to mongoose.
 */

/** A stored ObjectId (checked by its BSON type, so any copy of the bson library matches). */
export const ObjectId = z.custom<Types.ObjectId>(
  (value) => (value as { _bsontype?: unknown } | null)?._bsontype === 'ObjectId',
  { message: 'Expected an ObjectId' },
);

type Def = z.core.$ZodTypeDef & {
  innerType?: z.ZodType;
  defaultValue?: unknown;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
};
const defOf = (schema: z.ZodType) => schema._zod.def as Def;

interface Unwrapped {
  inner: z.ZodType;
  optional: boolean;
  /** Reads the default afresh each time (zod's getter clones objects and arrays). */
  fallback?: () => unknown;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let inner = schema;
  let optional = false;
  let fallback: (() => unknown) | undefined;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'nullable') optional = true;
    else if (def.type === 'default' || def.type === 'prefault') {
      fallback = () => def.defaultValue;
      optional = true;
    } else break;
    inner = def.innerType as z.ZodType;
  }
  return { inner, optional, fallback };
}

function subSchema(shape: Record<string, z.ZodType>): Schema {
  return new Schema(fieldsOf(shape, false), { _id: false });
}

/** The mongoose type of a zod schema without its wrappers. */
function typeOf(inner: z.ZodType): unknown {
  if (inner === ObjectId) return Schema.Types.ObjectId;
  const def = defOf(inner);
  switch (def.type) {
    case 'string':
    case 'enum':
      return String;
    case 'number':
      return Number;
    case 'boolean':
      return Boolean;
    case 'date':
      return Date;
    case 'unknown':
    case 'record':
    case 'union': // e.g. a custom field's value, text or a number: zod checks it where it is read
      return Schema.Types.Mixed;
    case 'array':
      return [typeOf(def.element as z.ZodType)];
    case 'object':
      return subSchema(def.shape as Record<string, z.ZodType>);
    default:
      throw new Error(`no mongoose type for a zod ${def.type}`);
  }
}

function pathOf(schema: z.ZodType, topLevel: boolean): unknown {
  const { inner, optional, fallback } = unwrap(schema);
  const def = defOf(inner);
  // A plain object is a nested path: mongoose applies its fields' defaults one by one.
  if (def.type === 'object' && !optional) return fieldsOf(def.shape ?? {}, false);
  const path: Record<string, unknown> = { type: typeOf(inner) };
  if (def.type === 'enum') path.enum = Object.values(def.entries ?? {});
  if (fallback) {
    const sample = fallback();
    path.default = typeof sample === 'object' && sample !== null ? fallback : sample;
  } else if (topLevel && !optional && def.type !== 'unknown') path.required = true;
  return path;
}

function fieldsOf(shape: Record<string, z.ZodType>, topLevel: boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, pathOf(s, topLevel)]));
}

/** The timestamps mongoose sets itself under `options.timestamps`. */
function timestampFields(options: SchemaOptions): string[] {
  const { timestamps } = options;
  if (!timestamps) return [];
  if (timestamps === true) return ['createdAt', 'updatedAt'];
  return (['createdAt', 'updatedAt'] as const).filter((field) => timestamps[field] !== false);
}

/** The mongoose schema of a collection, derived from its zod document schema. */
export function mongooseSchema<S extends z.ZodObject>(
  document: S,
  options: SchemaOptions,
): Schema<z.infer<S>> {
  const managed = new Set(timestampFields(options));
  if (document.shape._id === ObjectId) managed.add('_id');
  const shape = Object.fromEntries(
    Object.entries(document.shape as Record<string, z.ZodType>).filter(
      ([key]) => !managed.has(key),
    ),
  );
  return new Schema<z.infer<S>>(fieldsOf(shape, true) as never, options as never);
}
