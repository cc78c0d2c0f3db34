import type { RequestHooks } from './hooks.js';

/** The features that act on request moments, in the order they run. */
export const REQUEST_HOOKS: readonly RequestHooks[] = [];
