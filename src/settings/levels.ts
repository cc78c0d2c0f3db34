import { z } from 'zod';
import type { Catalog } from './catalog.js';
import { unflatten } from './flatten.js';

/** The three levels, most general first. */
export const LevelKind = z.enum(['workspace', 'account', 'channel']);
export type LevelKind = z.infer<typeof LevelKind>;

/** Where a value was set or a lock was placed. */
export const LevelRef = z.object({
  level: LevelKind,
  id: z.string(),
  name: z.string().optional(),
});
export type LevelRef = z.infer<typeof LevelRef>;

/** What one level stores: flattened overrides and the keys it locks for the levels below. */
export const LevelSettings = z.object({
  overrides: z.record(z.string(), z.unknown()),
  locks: z.array(z.string()),
});
export type LevelSettings = z.infer<typeof LevelSettings>;

/** One level as the resolver reads it: where it is and what it stores. */
export const Level = LevelRef.extend({ settings: LevelSettings });
export type Level = z.infer<typeof Level>;

/** Seed 001's per-setting provenance. */
export const Provenance = z.object({
  value: z.unknown(),
  setAt: z.union([LevelRef, z.object({ level: z.literal('default') })]),
  locked: z.boolean(),
  lockedAt: LevelRef.nullable(),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * Resolves every key through the levels (most general first): the most specific level that sets
 * a key wins, unless a more general level locks it, in which case values below the lock are
 * ignored. A lock placed without a value at its level freezes the value inherited there.
 */
export function resolve(catalog: Catalog, levels: readonly Level[]): Record<string, Provenance> {
  const result: Record<string, Provenance> = {};
  for (const key of catalog.leaves.keys()) {
    let provenance: Provenance = {
      value: catalog.defaults[key],
      setAt: { level: 'default' },
      locked: false,
      lockedAt: null,
    };
    for (const level of levels) {
      const ref = { level: level.level, id: level.id, ...(level.name ? { name: level.name } : {}) };
      if (Object.hasOwn(level.settings.overrides, key)) {
        provenance = { ...provenance, value: level.settings.overrides[key], setAt: ref };
      }
      if (level.settings.locks.includes(key)) {
        provenance = { ...provenance, locked: true, lockedAt: ref };
        break;
      }
    }
    result[key] = provenance;
  }
  return result;
}

/** The effective nested `features` object from resolved provenance. */
export function effectiveFeatures(resolved: Record<string, Provenance>): Record<string, unknown> {
  return unflatten(Object.fromEntries(Object.entries(resolved).map(([k, p]) => [k, p.value])));
}

/** The most general of `levels` that locks `key`, if any. */
export function lockAbove(levels: readonly Level[], key: string): LevelRef | undefined {
  return levels.find((level) => level.settings.locks.includes(key));
}

export const EMPTY_LEVEL: LevelSettings = Object.freeze({
  overrides: {},
  locks: [],
}) as LevelSettings;
