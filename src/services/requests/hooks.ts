import type { RequestHooks } from '../../deps.js';

export type { RequestHooks };

/** Runs one moment's hooks in order. */
export async function runHooks<K extends keyof RequestHooks>(
  hooks: readonly RequestHooks[],
  moment: K,
  ...args: Parameters<NonNullable<RequestHooks[K]>>
): Promise<void> {
  for (const hook of hooks) {
    const fn = hook[moment] as ((...a: typeof args) => Promise<void>) | undefined;
    if (fn) await fn.apply(hook, args);
  }
}
