import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as insertCannedResponse from './insert-canned-response.js';

/** Registers every shortcut listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  insertCannedResponse.register(app, deps);
}
