import {
  CHOICES,
  choiceOf,
  parseRatingValue,
  ratingLabel,
  ratingOf,
  ratingValue,
  type RatingChoice,
} from '../../../src/feedback/rating.js';
import { feedbackPrompt, feedbackReceivedText } from '../../../src/views/feedback.js';

const ID = '6740c0ffee0123456789abcd';

describe('rating encoding', () => {
  it.each<[RatingChoice, string, number, string]>([
    ['up', '2_POINTS', 5, '👍'], // 👍 is the top of the one 1–5 scale
    ['down', '2_POINTS', 1, '👎'], // 👎 its bottom
    ['1', '5_POINTS', 1, '1/5'],
    ['3', '5_POINTS', 3, '3/5'],
    ['5', '5_POINTS', 5, '5/5'],
  ])('%s is stored as %s rating %i and reads %s', (choice, scale, rating, label) => {
    expect(ratingOf(choice)).toEqual({ scale, rating });
    expect(ratingLabel(scale, rating)).toBe(label);
    expect(choiceOf(ratingOf(choice).scale, rating)).toBe(choice);
  });

  it('reads a rating stored without a scale as n/5', () => {
    expect(ratingLabel(null, 4)).toBe('4/5');
  });

  it('offers 👍 then 👎 on 2 points and 1 to 5 on 5 points', () => {
    expect(CHOICES['2_POINTS']).toEqual(['up', 'down']);
    expect(CHOICES['5_POINTS']).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('rating button values', () => {
  it('round-trips the request and the choice', () => {
    expect(parseRatingValue(ratingValue(ID, 'down'))).toEqual({
      requestId: ID,
      choice: 'down',
      target: 'request',
    });
    expect(parseRatingValue(`${ID}:4`)).toEqual({ requestId: ID, choice: '4', target: 'request' });
    // A ticket's rating (ticket CSAT) says so in its value.
    expect(ratingValue(ID, '4', 'ticket')).toBe(`ticket:${ID}:4`);
    expect(parseRatingValue(`ticket:${ID}:up`)).toEqual({
      requestId: ID,
      choice: 'up',
      target: 'ticket',
    });
  });

  it.each([
    undefined,
    '',
    ID,
    `${ID}:6`,
    `${ID}:0`,
    `${ID}:UP`,
    'not-an-id:up',
    `${ID}:up:x`,
    `tickets:${ID}:up`,
  ])('rejects %p', (value) => {
    expect(parseRatingValue(value)).toBeUndefined();
  });
});

describe('feedback messages', () => {
  it('gives each button its own action id (Slack wants them unique in a block)', () => {
    const prompt = feedbackPrompt({ requestId: ID, message: 'How did we do?', scale: '5_POINTS' });
    const actions = prompt.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      'feedback_rating:1',
      'feedback_rating:2',
      'feedback_rating:3',
      'feedback_rating:4',
      'feedback_rating:5',
    ]);
    expect(actions.elements[0]?.value).toBe(`${ID}:1`);
  });

  it('says which rating a change replaced', () => {
    const origin = { requesterId: 'U1', channelId: 'C1', rootTs: '1.000100' };
    expect(feedbackReceivedText({ ...origin, scale: '2_POINTS', rating: 5 })).toBe(
      ':speech_balloon: Feedback on <https://slack.com/archives/C1/p1000100|a request> from <@U1> in <#C1>: 👍',
    );
    expect(
      feedbackReceivedText({
        ...origin,
        scale: '2_POINTS',
        rating: 1,
        previous: { scale: '2_POINTS', rating: 5 },
      }),
    ).toMatch(/: 👎 \(changed from 👍\)$/);
  });
});
