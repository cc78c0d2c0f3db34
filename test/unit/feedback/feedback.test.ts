import {
  commentChange,
  feedbackAskKey,
  feedbackNoticeChannel,
  opensCommentModal,
  ratingChange,
  ticketFeedbackAskKey,
  type Feedback,
} from '../../../src/feedback/feedback.js';

const AT = new Date('2026-01-05T10:00:00.000Z');
const ID = '6740c0ffee0123456789abcd';

describe('feedbackAskKey', () => {
  const closed = { _id: ID, status: 'closed', closedAt: AT };
  it.each<[string, { status: string }, typeof closed, boolean, string, string | undefined]>([
    [
      'a close',
      { status: 'in_progress' },
      closed,
      true,
      'REQUEST',
      `feedback:${ID}:2026-01-05T10:00:00.000Z`,
    ],
    ['an update of a closed request', { status: 'closed' }, closed, true, 'REQUEST', undefined],
    [
      'a change to another status',
      { status: 'open' },
      { ...closed, status: 'on_hold' },
      true,
      'REQUEST',
      undefined,
    ],
    [
      'a close without closedAt',
      { status: 'open' },
      { ...closed, closedAt: null } as never,
      true,
      'REQUEST',
      undefined,
    ],
    ['send_feedback off', { status: 'open' }, closed, false, 'REQUEST', undefined],
    ['feedback on tickets', { status: 'open' }, closed, true, 'TICKET', undefined],
  ])('%s: %s', (_case, before, after, send, csatSendFor, key) => {
    expect(feedbackAskKey(before, after, { send_feedback: send }, csatSendFor)).toBe(key);
  });
});

describe('ticketFeedbackAskKey', () => {
  it.each<[string, string, boolean, string, string | undefined]>([
    ['a ticket marked Done, feedback on tickets', 'done', true, 'TICKET', `feedback:ticket:${ID}`],
    ['a ticket moved to in progress', 'in_progress', true, 'TICKET', undefined],
    ['feedback on requests', 'done', true, 'REQUEST', undefined],
    ['send_feedback off', 'done', false, 'TICKET', undefined],
  ])('%s', (_case, status, send, csatSendFor, key) => {
    expect(ticketFeedbackAskKey({ _id: ID }, status, { send_feedback: send }, csatSendFor)).toBe(
      key,
    );
  });
});

describe('feedbackNoticeChannel', () => {
  it.each<[boolean, string | null, string | null, string | undefined]>([
    [false, 'C_NOTICE', 'C_TRIAGE', undefined], // off
    [true, 'C_NOTICE', 'C_TRIAGE', 'C_NOTICE'], // its own channel first
    [true, null, 'C_TRIAGE', 'C_TRIAGE'], // else the triage channel
    [true, null, null, undefined], // neither
  ])('on %s, channel %s, triage %s: %s', (on, channel, triage, expected) => {
    const config = {
      send_request_feedback_received_message: on,
      send_request_feedback_received_message_channel: channel,
    };
    expect(feedbackNoticeChannel(config, triage)).toBe(expected);
  });
});

describe('ratingChange', () => {
  const stored: Feedback = { rating: 5, scale: '2_POINTS', text: 'Thanks', at: AT };
  const later = new Date('2026-01-05T11:00:00.000Z');

  it('stores a first rating, from nothing', () => {
    expect(ratingChange(null, 'U1', '5_POINTS', 4, later)).toEqual({
      feedback: { rating: 4, scale: '5_POINTS', text: null, at: later },
      history: { at: later, type: 'feedback', from: null, to: '4', by: 'U1' },
    });
  });

  it('replaces a rating and keeps the comment', () => {
    expect(ratingChange(stored, 'U1', '2_POINTS', 1, later)).toEqual({
      feedback: { rating: 1, scale: '2_POINTS', text: 'Thanks', at: later },
      history: { at: later, type: 'feedback', from: '5', to: '1', by: 'U1' },
    });
  });

  it.each<[string, number, string | undefined]>([
    ['2_POINTS', 5, undefined], // the same rating: no change
    ['5_POINTS', 5, 'change'], // the same number on another scale is another rating
  ])('%s %i after 👍: %s', (scale, rating, expected) => {
    const change = ratingChange(stored, 'U1', scale as never, rating, later);
    expect(change ? 'change' : undefined).toBe(expected);
  });
});

describe('commentChange', () => {
  const stored: Feedback = { rating: 4, scale: '5_POINTS', text: 'Fine', at: AT };

  it('stores a comment and keeps the rating', () => {
    expect(commentChange(stored, 'U1', 'Quick!', AT)).toEqual({
      feedback: { rating: 4, scale: '5_POINTS', text: 'Quick!', at: AT },
      history: { at: AT, type: 'feedback_comment', by: 'U1' },
    });
    expect(commentChange(null, 'U1', 'Quick!', AT)?.feedback).toEqual({
      rating: null,
      scale: null,
      text: 'Quick!',
      at: AT,
    });
  });

  it('changes nothing for the same comment', () => {
    expect(commentChange(stored, 'U1', 'Fine', AT)).toBeUndefined();
  });
});

describe('opensCommentModal', () => {
  it.each<['stored' | 'same', boolean, string | null, boolean]>([
    ['stored', true, null, true],
    ['stored', true, 'Already said', false],
    ['stored', false, null, false],
    ['same', true, null, false],
  ])('%s, text feedback asked %s, comment %p: %s', (kind, ask, comment, expected) => {
    expect(opensCommentModal(kind, ask, comment)).toBe(expected);
  });
});
