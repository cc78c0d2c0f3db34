import { Types } from 'mongoose';
import { parseMessage, parseRequest } from '../../../../src/db/models/index.js';
import { messageOf, openingMessage } from '../../../../src/services/desk/message-shape.js';

const AT = new Date('2026-03-02T09:00:00.000Z'); // unix 1772442000
const REQUEST_ID = new Types.ObjectId('0123456789abcdef01234567');
const MESSAGE_ID = new Types.ObjectId('89abcdef0123456789abcdef');

const request = (history: unknown[] = []) =>
  parseRequest({
    _id: REQUEST_ID,
    teamId: 'T1',
    channelId: 'C1',
    rootTs: '1.0',
    requesterId: 'U0CUST',
    text: 'Export is broken',
    createdAt: AT,
    updatedAt: AT,
    lastCustomerActivityAt: AT,
    triage: {},
    sla: {},
    history,
  });

const message = (fields: Record<string, unknown> = {}) =>
  parseMessage({
    _id: MESSAGE_ID,
    teamId: 'T1',
    channelId: 'C1',
    ts: '2.0',
    requestId: REQUEST_ID,
    userId: 'U0AGENT',
    kind: 'outgoing',
    text: 'Looking into it',
    createdAt: AT,
    ...fields,
  });

const NONE = { edited: false, deleted: false, expired: false };

describe('a stored message in seed 003’s message shape', () => {
  it('shows the opening message as the conversation’s own, edited once its history says so', () => {
    expect(openingMessage(request(), true)).toEqual({
      id: String(REQUEST_ID),
      content: 'Export is broken',
      message_type: 'incoming',
      created_at: 1772442000,
      private: false,
      sender: { id: 'U0CUST' },
      conversation_id: String(REQUEST_ID),
      content_attributes: NONE,
    });
    const edited = request([{ at: AT, type: 'edit', by: 'customer' }]);
    expect(openingMessage(edited, false)).toMatchObject({
      content: null, // the channel's privacy hides previews
      content_attributes: { ...NONE, edited: true },
    });
  });

  it.each<[string, Record<string, unknown>, boolean, string | null, typeof NONE]>([
    ['a reply where previews show', {}, true, 'Looking into it', NONE],
    ['a reply where the channel’s privacy hides previews', {}, false, null, NONE],
    ['a private note, hidden previews or not', { private: true }, false, 'Looking into it', NONE],
    ['an edited reply', { editedAt: AT }, true, 'Looking into it', { ...NONE, edited: true }],
    ['a deleted reply', { text: null, deletedAt: AT }, true, null, { ...NONE, deleted: true }],
    [
      'a reply past retention',
      { text: null, expiredAt: AT },
      true,
      null,
      { ...NONE, expired: true },
    ],
  ])('%s', (_case, fields, showText, content, attributes) => {
    expect(messageOf(message(fields), showText)).toEqual({
      id: String(MESSAGE_ID),
      content,
      message_type: 'outgoing',
      created_at: 1772442000,
      private: fields.private === true,
      sender: { id: 'U0AGENT' },
      conversation_id: String(REQUEST_ID),
      content_attributes: attributes,
    });
  });
});
