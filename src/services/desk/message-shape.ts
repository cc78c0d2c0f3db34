import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import type { ConversationMessage } from '../../http/conversation-schemas.js';
import { unixSeconds } from '../../clock.js';

/**
 * The request's opening message (its `text`) in seed 003's message shape; its id is the
 * request's. `showText`: the channel's privacy shows previews.
 */
export function openingMessage(request: RequestDoc, showText: boolean): ConversationMessage {
  const id = String(request._id);
  const edited = request.history.some((entry) => entry.type === 'edit');
  return {
    id,
    content: showText ? request.text : null,
    message_type: 'incoming',
    created_at: unixSeconds(request.createdAt),
    private: false,
    sender: { id: request.requesterId },
    conversation_id: id,
    content_attributes: { edited, deleted: false, expired: false },
  };
}

/**
 * A stored thread message in seed 003's shape. A customer channel's privacy may hide its text;
 * a private note, written on the support side in the triage channel, is always shown.
 */
export function messageOf(message: MessageDoc, showText: boolean): ConversationMessage {
  return {
    id: String(message._id),
    content: showText || message.private ? message.text : null,
    message_type: message.kind,
    created_at: unixSeconds(message.createdAt),
    private: message.private,
    sender: { id: message.userId },
    conversation_id: String(message.requestId),
    content_attributes: {
      edited: message.editedAt !== null,
      deleted: message.deletedAt !== null,
      expired: message.expiredAt !== null,
    },
  };
}
