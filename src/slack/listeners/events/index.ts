import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as appHomeOpened from './app-home-opened.js';
import * as appUninstalled from './app-uninstalled.js';
import * as channelCreated from './channel-created.js';
import * as channelRename from './channel-rename.js';
import * as memberJoinedChannel from './member-joined-channel.js';
import * as message from './message.js';
import * as reactionAdded from './reaction-added.js';

/** Registers every event listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  appHomeOpened.register(app, deps);
  appUninstalled.register(app, deps);
  channelCreated.register(app, deps);
  channelRename.register(app, deps);
  memberJoinedChannel.register(app, deps);
  message.register(app, deps);
  reactionAdded.register(app, deps);
}
