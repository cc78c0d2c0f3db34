import { readConfigVersion } from '../db/models/config-version.js';
import type { BotDeps } from '../deps.js';

/** What was worked out from the configuration at one configuration version, by key. */
export interface VersionEntries<T> {
  get(key: string): T | undefined;
  /** Keeps `value` under `key`; past the cache's size the least recently set entry goes. */
  set(key: string, value: T): void;
}

/**
 * Values worked out from the configuration (a channel's effective settings, its rules, where
 * its requests are measured), per running bot (its models; tests run several), reused while the
 * configuration version is unchanged (`db/models/config-version.ts`): a settings write anywhere
 * bumps the version and every entry is stale at once.
 */
export class ConfigCache<T> {
  readonly #perBot = new WeakMap<object, { version: number; entries: Map<string, T> }>();

  constructor(private readonly max = 5_000) {}

  /** The entries valid now: one read of the version, to be made before the configuration's. */
  async current(models: BotDeps['models']): Promise<VersionEntries<T>> {
    // Read before the configuration: a write that lands in between makes the entries stale at once.
    const version = await readConfigVersion(models.configVersions);
    let held = this.#perBot.get(models);
    if (held?.version !== version)
      this.#perBot.set(models, (held = { version, entries: new Map() }));
    const { entries } = held;
    return {
      get: (key) => entries.get(key),
      set: (key, value) => {
        entries.delete(key);
        entries.set(key, value);
        if (entries.size > this.max) entries.delete(entries.keys().next().value as string);
      },
    };
  }
}
