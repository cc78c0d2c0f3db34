import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';

/** Registers every event listener of this folder (one listener per file). */
export function register(_app: App, _deps: BotDeps): void {}
