import { evaluateKb } from '../../../src/kb/evaluate.js';

describe('evaluateKb', () => {
  const articles = [
    {
      id: 'reset',
      title: 'Reset your password',
      content: 'Choose Forgot password on the sign-in page.',
    },
    {
      id: 'invoices',
      title: 'Download invoices',
      content: 'Billing lists every invoice as a PDF.',
    },
  ];

  it('counts a question as a hit when an answering article is among the suggestions', () => {
    expect(
      evaluateKb(articles, [
        { text: 'I forgot my password', answers: ['reset'] }, // hit
        { text: 'where is my invoice pdf', answers: ['invoices', 'reset'] }, // hit (one of two)
        { text: 'where is my invoice pdf', answers: ['reset'] }, // miss: the wrong article
        { text: 'what is the weather', answers: ['reset'] }, // miss: nothing over the threshold
      ]),
    ).toEqual({
      queries: 4,
      hits: 2,
      top3: 0.5, // 2 / 4
      misses: [
        { text: 'where is my invoice pdf', got: ['invoices'] },
        { text: 'what is the weather', got: [] },
      ],
    });
  });

  it('is 0 for no questions', () => {
    expect(evaluateKb(articles, []).top3).toBe(0);
  });
});
