/**
 * Turns a nested features object into `{ 'a.b.c': value }`, stopping at the catalog's leaves (so
 * arrays and leaf objects stay whole). Keys that are not on the way to a leaf are returned under
 * `unknown` by `flattenChecked`.
 */
export function flatten(
  nested: Record<string, unknown>,
  leaves: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  return flattenChecked(nested, leaves).flat;
}

export interface Flattened {
  flat: Record<string, unknown>;
  /** Paths (as arrays) that name no setting. */
  unknown: string[][];
}

export function flattenChecked(
  nested: Record<string, unknown>,
  leaves: ReadonlyMap<string, unknown>,
): Flattened {
  const flat: Record<string, unknown> = {};
  const unknown: string[][] = [];
  const groups = groupPrefixes(leaves);
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [name, value] of Object.entries(node)) {
      const here = [...path, name];
      const key = here.join('.');
      // A dotted name would alias a nested path; only nesting names a setting here.
      if (name.includes('.')) unknown.push(here);
      else if (leaves.has(key)) flat[key] = value;
      else if (groups.has(key) && isPlainObject(value)) walk(value, here);
      else unknown.push(here);
    }
  };
  walk(nested, []);
  return { flat, unknown };
}

/** The inverse of `flatten`. */
export function unflatten(flat: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (isPlainObject(next) ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return root;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const prefixCache = new WeakMap<object, Set<string>>();

function groupPrefixes(leaves: ReadonlyMap<string, unknown>): Set<string> {
  let groups = prefixCache.get(leaves);
  if (!groups) {
    groups = new Set();
    for (const key of leaves.keys()) {
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join('.'));
    }
    prefixCache.set(leaves, groups);
  }
  return groups;
}
