import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as homeRefresh from './home-refresh.js';
import * as requestButtons from './request-buttons.js';

/** Registers every action listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  homeRefresh.register(app, deps);
  requestButtons.register(app, deps);
}
