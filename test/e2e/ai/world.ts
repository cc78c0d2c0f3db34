import type { TestBot, TestBotOptions } from '../../support/bot.js';
import { AiStub } from '../../support/ai-stub.js';
import { CHANNEL, customerWorld } from '../requests/world.js';

export interface AiWorld {
  t: TestBot;
  stub: AiStub;
  stop(): Promise<void>;
}

/**
 * The customer world of the request tests with an AI provider: the bot's `AI_BASE_URL` points at
 * a local OpenAI-compatible stub (`test/support/ai-stub.ts`). `env` adds to the bot's environment
 * (e.g. `AI_MONTHLY_TOKEN_BUDGET`); `options` the rest of the bot's (a logger writing to memory).
 */
export async function aiWorld(
  settings: Record<string, unknown>,
  env: Record<string, string> = {},
  options: Omit<TestBotOptions, 'env'> = {},
): Promise<AiWorld> {
  const stub = await AiStub.start();
  const t = await customerWorld(settings, {
    env: {
      AI_BASE_URL: stub.url,
      AI_API_KEY: 'sk-test',
      AI_MODEL: 'stub-chat',
      AI_TIMEOUT_MS: '2000',
      AI_MAX_RETRIES: '1',
      ...env,
    },
    ...options,
  });
  return {
    t,
    stub,
    stop: async () => {
      await t.stop();
      await stub.stop();
    },
  };
}

/** Sets the customer channel's settings through the API, as an admin would. */
export async function channelSettings(t: TestBot, update: Record<string, unknown>): Promise<void> {
  const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, { update });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
}
