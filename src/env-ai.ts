import { z } from 'zod';

/**
 * The AI provider's part of the environment (issue 16), read with the rest by `env.ts` and
 * alone by the evaluation command (`npm run eval`).
 */
export const AiFields = z.object({
  /**
   * AI assist (issue 16): the base URL of an OpenAI-compatible API (hosted, or a local server
   * such as Ollama at http://localhost:11434/v1). Unset: no provider, every AI setting is inert.
   */
  AI_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** The provider's API key (a local server may need none). */
  AI_API_KEY: z.string().min(1).optional(),
  /** The chat model that answers the prompts (required with AI_BASE_URL). */
  AI_MODEL: z.string().min(1).optional(),
  /** The embeddings model (unset: no embeddings). */
  AI_EMBEDDING_MODEL: z.string().min(1).optional(),
  /** Tokens one workspace may use per calendar month (UTC); unset, no limit. */
  AI_MONTHLY_TOKEN_BUDGET: z.coerce
    .number({ error: 'must be a number of tokens' })
    .int('must be a whole number')
    .min(0)
    .optional(),
  /**
   * How long one call to the provider may take before it is abandoned (and retried). With the
   * retries, a grouping call must end well within the event inbox's 60 s lease on the message.
   */
  AI_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(100)
    .max(600_000)
    .default(10_000),
  /** Retries of a failed call (429, 5xx, timeout), with backoff honouring Retry-After. */
  AI_MAX_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(2),
});

/** The AI provider's part of the environment alone (the evaluation command). */
export const AiEnv = AiFields;
export type AiEnv = z.infer<typeof AiEnv>;
