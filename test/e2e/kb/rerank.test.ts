import { CHANNEL, newCustomer } from '../requests/world.js';
import { aiWorld, channelSettings, type AiWorld } from '../ai/world.js';
import { helpCentre, hooksDone, suggestionsIn } from './world.js';

/**
 * Embeddings re-ranking of the knowledge-base suggestions: with an AI provider (the local
 * OpenAI-compatible stub, whose embeddings are hashed bags of words) and AI assist on, the
 * question and the hits' titles are embedded in one call and the hits re-ordered by similarity;
 * with AI assist off no text reaches the provider.
 */
describe('knowledge-base suggestions re-ranked by embeddings', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(
      { requests: { config: { send_kbsuggested_answers: true, ai_assist_auto_responder: true } } },
      { AI_EMBEDDING_MODEL: 'stub-embed' },
    );
    await helpCentre(w.t);
  });
  afterAll(() => w.stop());

  const ask = async (user: string, text: string) => {
    const { message } = await w.t.driver.customerSays(CHANNEL, newCustomer(w.t, user), text);
    await hooksDone(w.t);
    return message;
  };
  const titles = (rootTs: string) => {
    const [posted] = suggestionsIn(w.t, rootTs);
    return [...JSON.stringify(posted?.blocks ?? []).matchAll(/\|([^>]+)>\*/g)].map((m) => m[1]);
  };
  const question = 'How do I export my invoices to a CSV file?';

  it('embeds the question and the hits in one call and shows the closest title first', async () => {
    w.stub.reset();
    const message = await ask('U0RR1', question);
    expect(w.stub.count('embeddings')).toBe(1);
    const [call] = w.stub.calls.filter((c) => c.prompt === 'embeddings');
    expect(call?.text.split('\n')).toEqual(
      expect.arrayContaining([question, 'Export conversations to CSV', 'Download your invoices']),
    );
    // "export … to … csv" shares three words with the export article's title, one with the other.
    expect(titles(message.ts).slice(0, 2)).toEqual([
      'Export conversations to CSV',
      'Download your invoices',
    ]);
  });

  it('sends nothing to the provider with AI assist off: the BM25 hits as they are', async () => {
    await channelSettings(w.t, { requests: { config: { ai_assist_auto_responder: false } } });
    w.stub.reset();
    const message = await ask('U0RR2', question);
    expect(titles(message.ts).length).toBeGreaterThanOrEqual(2);
    expect(w.stub.calls).toEqual([]);
  });
});
