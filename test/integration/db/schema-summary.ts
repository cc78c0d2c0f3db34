import mongoose, { type Schema } from 'mongoose';
import { createModels } from '../../../src/db/models/index.js';

type Entry = Record<string, unknown>;

/** What mongoose acts on in a schema: each path's type, required, enum and default, and indexes. */
function describe(schema: Schema, prefix = ''): Entry[] {
  const entries: Entry[] = [];
  schema.eachPath((path, type) => {
    const t = type as unknown as {
      instance: string;
      isRequired?: boolean;
      enumValues?: string[];
      defaultValue?: unknown;
      schema?: Schema;
      caster?: { instance?: string; enumValues?: string[] };
      embeddedSchemaType?: { instance?: string; enumValues?: string[] };
    };
    // An ObjectId `_id` defaults to a new id each time: say so rather than show one.
    const generated = path === '_id' && t.instance === 'ObjectId';
    const fallback = generated
      ? 'new ObjectId'
      : typeof t.defaultValue === 'function'
        ? (t.defaultValue as () => unknown)()
        : t.defaultValue;
    const element = t.embeddedSchemaType ?? t.caster;
    entries.push({
      path: prefix + path,
      instance: t.instance,
      required: t.isRequired ?? false,
      enum: t.enumValues?.length ? t.enumValues : undefined,
      default: fallback === undefined ? undefined : JSON.parse(JSON.stringify(fallback)),
      element: element?.instance,
      elementEnum: element?.enumValues?.length ? element.enumValues : undefined,
    });
    if (t.schema) entries.push(...describe(t.schema, `${prefix}${path}.`));
  });
  return entries;
}

/** Every model's schema as plain data, for comparing two ways of writing the same schemas. */
export function schemaSummary(): Record<string, unknown> {
  const db = mongoose.createConnection();
  const models = createModels(db);
  return Object.fromEntries(
    Object.entries(models).map(([name, model]) => {
      const schema = model.schema;
      const { collection, timestamps, minimize, versionKey, _id } = schema.options as Entry;
      return [
        name,
        {
          options: { collection, timestamps, minimize, versionKey, _id },
          paths: describe(schema),
          indexes: schema.indexes(),
        },
      ];
    }),
  );
}
