import { z } from 'zod';

/**
 * The schema a wrapper stands for: strips default/prefault/optional/nullable/readonly/catch/
 * nonoptional and lazy, and follows a pipe to its object-shaped side (`in`, unless `in` is a
 * transform as in `z.preprocess`, then `out`).
 */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch ||
      current instanceof z.ZodNonOptional
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodLazy) {
      current = current.def.getter() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      const { in: input, out } = current.def;
      current = (input instanceof z.ZodTransform ? out : input) as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The object an array holds, or undefined when its elements are not objects. */
function objectElement(schema: z.ZodType): z.ZodObject | undefined {
  if (!(schema instanceof z.ZodArray)) return undefined;
  const element = unwrapSchema(schema.element as z.ZodType);
  return element instanceof z.ZodObject ? element : undefined;
}

function walk(
  schema: z.ZodType,
  prefix: string,
  throughArrays: boolean,
  visiting: Set<z.ZodObject>,
  visit: (path: string, leaf: z.ZodType) => void,
): void {
  const inner = unwrapSchema(schema);
  const object =
    inner instanceof z.ZodObject ? inner : throughArrays ? objectElement(inner) : undefined;
  const keys = object ? Object.keys(object.shape) : [];
  // A recursive (lazy) schema or an empty object ends the walk: the path itself is the leaf.
  if (!object || keys.length === 0 || visiting.has(object)) {
    if (prefix !== '') visit(prefix, schema);
    return;
  }
  visiting.add(object);
  for (const key of keys) {
    const child = object.shape[key] as z.ZodType;
    walk(child, prefix === '' ? key : `${prefix}.${key}`, throughArrays, visiting, visit);
  }
  visiting.delete(object);
}

/**
 * The dotted paths of a schema's leaves, in shape order. Objects are descended into; records,
 * unions and primitives are leaves. With `throughArrays`, an array of objects is descended
 * into as well (`requests.support.severity.name`); without, the array is the leaf
 * (`requests.support.severity`).
 */
export function keyPaths(schema: z.ZodType, opts: { throughArrays: boolean }): string[] {
  const paths: string[] = [];
  walk(schema, '', opts.throughArrays, new Set(), (path) => paths.push(path));
  return paths;
}

/**
 * Every settable leaf (arrays are leaves) mapped to its schema as declared, default included,
 * so one flattened key can be validated on its own: `leafSchemas(Features).get(key).parse(v)`.
 */
export function leafSchemas(schema: z.ZodType): Map<string, z.ZodType> {
  const leaves = new Map<string, z.ZodType>();
  walk(schema, '', false, new Set(), (path, leaf) => leaves.set(path, leaf));
  return leaves;
}
