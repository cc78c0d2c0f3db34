import { bySimilarity, cosine } from '../../../src/ai/similarity.js';

describe('cosine similarity', () => {
  it.each([
    [[1, 0], [1, 0], 1],
    [[1, 0], [0, 1], 0],
    [[1, 1], [2, 2], 1],
    [[1, 0], [-1, 0], -1],
    [[0, 0], [1, 0], 0],
    [[1, 0, 0], [1, 0], 0],
  ])('%j · %j = %d', (a, b, expected) => {
    expect(cosine(a, b)).toBeCloseTo(expected, 10);
  });
});

describe('ordering by similarity', () => {
  it('puts the closest first, keeps ties and items without a vector in their order', () => {
    const items = ['far', 'near', 'tie-a', 'tie-b', 'none'];
    const vectors = [
      [0, 1],
      [1, 0.1],
      [1, 1],
      [1, 1],
    ];
    expect(bySimilarity(items, [1, 0], vectors)).toEqual(['near', 'tie-a', 'tie-b', 'far', 'none']);
  });
});
