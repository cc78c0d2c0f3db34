import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as triage from './triage.js';

/** Registers every command listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  triage.register(app, deps);
}
