import type { z } from 'zod';
import { Features } from './features.js';
import { leafSchemas } from './key-paths.js';
import { flatten } from './flatten.js';
import { secretPaths, type SecretPath } from './secrets.js';

/**
 * Every settable key (a flattened path under `features`, arrays being single values) with its
 * schema and built-in default. Built once from the zod schema, so the schema stays the only
 * source of what a setting is.
 */
export interface Catalog {
  leaves: ReadonlyMap<string, z.ZodType>;
  defaults: Readonly<Record<string, unknown>>;
  /** The keys whose values hold secrets (`secret()` in the schema), and where in the value. */
  secrets: ReadonlyMap<string, readonly SecretPath[]>;
}

let catalog: Catalog | undefined;

export function settingsCatalog(): Catalog {
  if (!catalog) {
    const leaves = leafSchemas(Features);
    catalog = {
      leaves,
      defaults: flatten(Features.parse({}) as Record<string, unknown>, leaves),
      secrets: secretPaths(leaves),
    };
  }
  return catalog;
}

/** `features.requests.config.x` and `requests.config.x` name the same setting. */
export function normalizeKey(key: string): string {
  return key.startsWith('features.') ? key.slice('features.'.length) : key;
}

/** The leaf keys at or below `key` (a leaf, or a group such as `requests.support.response_sla`). */
export function keysUnder(catalog: Catalog, key: string): string[] {
  if (catalog.leaves.has(key)) return [key];
  const prefix = `${key}.`;
  return [...catalog.leaves.keys()].filter((leaf) => leaf.startsWith(prefix));
}
