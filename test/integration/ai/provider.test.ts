import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { GroupingAnswer } from '../../../src/ai/outputs.js';
import { systemClock } from '../../../src/clock.js';
import { AiUsageStore } from '../../../src/db/repositories/ai-usage.js';
import { createModels, type Models } from '../../../src/db/models/index.js';
import { Env, parseEnv } from '../../../src/env.js';
import { aiProvider, OpenAiProvider } from '../../../src/services/ai/provider.js';
import { AiStub, embedding } from '../../support/ai-stub.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

const TEAM = 'T0AI';
const SECRET_TEXT = 'our invoice 4711 for ACME is wrong';
const values = { open_request: 'Export fails', message: SECRET_TEXT };

/** The OpenAI-compatible provider against the local stub, with usage kept in a real database. */
describe('OpenAiProvider', () => {
  let db: TestDatabase;
  let models: Models;
  let stub: AiStub;
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  const provider = (extra: Record<string, string> = {}) => {
    const env = parseEnv(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'secret-secret',
        AI_BASE_URL: stub.url,
        AI_API_KEY: 'sk-test',
        AI_MODEL: 'stub-chat',
        AI_EMBEDDING_MODEL: 'stub-embed',
        AI_TIMEOUT_MS: '300',
        AI_MAX_RETRIES: '1',
        ...extra,
      },
      Env,
    );
    return new OpenAiProvider(env as never, new AiUsageStore(models), systemClock, logger);
  };
  const usage = () => models.aiUsage.find({ teamId: TEAM }).lean();

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
    await models.aiUsage.createIndexes();
    stub = await AiStub.start();
  });
  afterAll(async () => {
    await stub.stop();
    await db.drop();
  });
  beforeEach(async () => {
    stub.reset();
    lines.length = 0;
    await models.aiUsage.deleteMany({});
  });

  it('asks in JSON mode with the key and model, parses the answer and counts its tokens', async () => {
    stub.on('grouping', { json: { same_request: true } });
    const answer = await provider().ask(TEAM, 'grouping', values, GroupingAnswer);
    expect(answer).toEqual({ same_request: true });
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]?.body).toMatchObject({
      model: 'stub-chat',
      response_format: { type: 'json_object' },
    });
    expect(stub.calls[0]?.authorization).toBe('Bearer sk-test');
    expect(stub.calls[0]?.text).toContain(SECRET_TEXT);
    const month = new Date().toISOString().slice(0, 7);
    expect(await usage()).toMatchObject([{ teamId: TEAM, month, tokens: 100, calls: 1 }]);
  });

  it.each(['malformed', 'invalid'] as const)(
    'answers undefined for %s output, logging the prompt name and never the text',
    async (fault) => {
      stub.on('grouping', { fault });
      expect(await provider().ask(TEAM, 'grouping', values, GroupingAnswer)).toBeUndefined();
      const warned = lines.filter((l) => l.includes('AI answer malformed'));
      expect(warned).toHaveLength(1);
      expect(warned[0]).toContain('"prompt":"grouping"');
      expect(lines.join('\n')).not.toContain('4711');
      expect((await usage())[0]?.tokens).toBe(100); // the call was paid for all the same
    },
  );

  it('retries after a 429 (Retry-After: 0) and uses the second answer', async () => {
    stub.on('grouping', { fault: '429' }, { times: 1 });
    stub.on('grouping', { json: { same_request: false } });
    expect(await provider().ask(TEAM, 'grouping', values, GroupingAnswer)).toEqual({
      same_request: false,
    });
    expect(stub.count('grouping')).toBe(2);
  });

  it('gives up after its retries on 500s, and on a model that never answers (timeout)', async () => {
    stub.on('grouping', { fault: '500' });
    expect(await provider().ask(TEAM, 'grouping', values, GroupingAnswer)).toBeUndefined();
    expect(stub.count('grouping')).toBe(2); // the call and one retry
    stub.reset();
    stub.on('grouping', { fault: 'hang' });
    expect(
      await provider({ AI_MAX_RETRIES: '0' }).ask(TEAM, 'grouping', values, GroupingAnswer),
    ).toBeUndefined();
    expect(stub.count('grouping')).toBe(1);
    expect(lines.filter((l) => l.includes('AI call failed'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('4711');
  });

  it('stops calling once the month’s budget is used, logging that once', async () => {
    stub.on('grouping', { json: { same_request: true } });
    const capped = provider({ AI_MONTHLY_TOKEN_BUDGET: '150' });
    // 0 used → call (100); 100 < 150 → call (200); 200 ≥ 150 → no call, twice.
    for (let i = 0; i < 4; i++) await capped.ask(TEAM, 'grouping', values, GroupingAnswer);
    expect(stub.count()).toBe(2);
    expect((await usage())[0]).toMatchObject({ tokens: 200, calls: 2 });
    expect(lines.filter((l) => l.includes('budget used up'))).toHaveLength(1);
    // Another workspace has a budget of its own.
    expect(await capped.ask('T0OTHER', 'grouping', values, GroupingAnswer)).toEqual({
      same_request: true,
    });
  });

  it('embeds texts in order (the Embedder the knowledge base re-ranks with)', async () => {
    const texts = ['reset my password', 'export to CSV fails'];
    const vectors = await provider().embed(TEAM, texts);
    expect(vectors).toEqual(texts.map(embedding));
    expect(stub.calls[0]?.body).toMatchObject({ model: 'stub-embed', input: texts });
    expect((await usage())[0]?.tokens).toBe(7);
  });

  it('has no embeddings without AI_EMBEDDING_MODEL, and sends nothing', async () => {
    const env = { AI_EMBEDDING_MODEL: '' };
    expect(await provider(env).embed(TEAM, ['x'])).toBeUndefined();
    expect(stub.count()).toBe(0);
  });

  it('is inert without AI_BASE_URL: no call, every answer undefined', async () => {
    const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-secret' }, Env);
    const none = aiProvider({ env, models, clock: systemClock, logger });
    expect(none.configured).toBe(false);
    expect(await none.ask(TEAM, 'grouping', values, GroupingAnswer)).toBeUndefined();
    expect(await none.embed(TEAM, ['x'])).toBeUndefined();
    expect(stub.count()).toBe(0);
    expect(await usage()).toEqual([]);
  });
});
