import { describe, expect, it } from '@jest/globals';
import {
  CONVERSATION_MAX_CHARS,
  conversationText,
  summaryReply,
  threadSize,
} from '../../../src/ai/summary.js';

describe('threadSize', () => {
  it.each([
    [[], 0, 0, 1], // the opening message alone
    [['1.1'], 0, 0, 2], // one follow-up grouped into it
    [['1.1'], 2, 2, 6], // 1 + 1 grouped + 2 customer replies + 2 agent replies
  ])('grouped %j, %d in, %d out → %d', (groupedTs, incoming, outgoing, size) => {
    expect(threadSize({ groupedTs, messageCounts: { incoming, outgoing } })).toBe(size);
  });
});

describe('conversationText', () => {
  it('labels who wrote each message, oldest first', () => {
    const text = conversationText([
      { from: 'customer', text: ' Export fails ' },
      { from: 'agent', text: 'Looking', note: false },
      { from: 'agent', text: 'Known bug', note: true },
    ]);
    expect(text).toBe('Customer: Export fails\nAgent: Looking\nAgent (internal note): Known bug');
  });

  it('keeps the newest part of a long conversation', () => {
    const text = conversationText([
      { from: 'customer', text: 'a'.repeat(CONVERSATION_MAX_CHARS) },
      { from: 'agent', text: 'the latest answer' },
    ]);
    expect(text.length).toBe(CONVERSATION_MAX_CHARS + 1);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('Agent: the latest answer')).toBe(true);
  });
});

describe('summaryReply', () => {
  it.each([
    [{ summary: 'Export broken.' }, 'Export broken.'],
    ['too_short', 'fewer than 5 messages'],
    ['no_answer', 'no usable answer'],
  ] as const)('%j → %s', (outcome, shown) => {
    expect(summaryReply(outcome)).toContain(shown);
  });
});
