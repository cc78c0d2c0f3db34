import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

/** Registers every listener kind; each kind's index registers its own files. */
export function registerListeners(app: App, deps: BotDeps): void {
  events.register(app, deps);
  actions.register(app, deps);
  commands.register(app, deps);
  views.register(app, deps);
  shortcuts.register(app, deps);
}
