import { channelAdminMethods } from './channel-admin.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { identityMethods } from './identity.js';
import { reactionMethods } from './reactions.js';
import type { MethodTable } from './types.js';
import { viewMethods } from './views.js';

export type { MethodHandler, MethodTable } from './types.js';

/** Every Web API method the simulator answers; anything else is `unknown_method`. */
export const methods: MethodTable = {
  ...identityMethods,
  ...chatMethods,
  ...reactionMethods,
  ...conversationMethods,
  ...channelAdminMethods,
  ...viewMethods,
};
