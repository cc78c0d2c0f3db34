import type { App } from '@slack/bolt';
import type { BotDeps } from '../../deps.js';

/** Registers every listener kind; each kind's index registers its own files. */
export function registerListeners(_app: App, _deps: BotDeps): void {}
