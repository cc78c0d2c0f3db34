import { reviewList } from '../../../src/home/review.js';

describe('reviewList', () => {
  const doc = (channelId: string) => ({
    _id: { toString: () => `id-${channelId}` },
    channelId,
    ts: '1.1',
    authorId: 'U1',
    why: 'pleasantry' as const,
    createdAt: new Date('2026-01-05T09:00:00Z'),
    text: 'thanks',
  });

  it.each<[string, string | null, boolean]>([
    // channel, preview shown, channel hidden
    ['C0PUBLIC', 'thanks', false],
    ['C0PRIVATE', null, true],
    ['C0UNKNOWN', null, true], // a channel the bot no longer knows: nothing shown
  ])('%s: preview %j, channel hidden %s', (channelId, preview, hideName) => {
    const privacy = new Map([
      ['C0PUBLIC', { showPreview: true, hideName: false }],
      ['C0PRIVATE', { showPreview: false, hideName: true }],
    ]);
    const [item] = reviewList([doc(channelId)], 1, privacy).items;
    expect(item).toMatchObject({ id: `id-${channelId}`, preview, hideName });
  });
});
