import type { JobDefinition } from '../src/scheduler/timers.js';

/**
 * Every job kind the bot schedules; each file in this folder exports one definition
 * (its name, its data schema, its handler) and is listed here.
 */
export const JOBS: readonly JobDefinition[] = [];
