import OpenAI from 'openai';
import type { z } from 'zod';
import { budgetMonth, withinBudget } from '../../ai/policy.js';
import { parseAnswer } from '../../ai/outputs.js';
import { renderPrompt, type PromptName, type PromptTemplates } from '../../ai/prompts.js';
import type { Clock } from '../../clock.js';
import type { Models } from '../../db/models/index.js';
import { AiUsageStore } from '../../db/repositories/ai-usage.js';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import { loadPrompts } from './prompts.js';

/** Text to vectors for re-ranking (the knowledge base uses it); undefined: no embeddings now. */
export interface Embedder {
  embed(teamId: string, texts: readonly string[]): Promise<number[][] | undefined>;
}

/** What the bot's AI uses call. Every answer is undefined when the caller must fall back. */
export interface AiProvider extends Embedder {
  /** Whether a provider is configured at all (AI_BASE_URL). */
  readonly configured: boolean;
  /** Asks a prompt with its placeholders filled; the answer parsed by `schema`, else undefined. */
  ask<S extends z.ZodType>(
    teamId: string,
    prompt: PromptName,
    values: Readonly<Record<string, string>>,
    schema: S,
  ): Promise<z.infer<S> | undefined>;
}

/** Tokens used per workspace and month (what `AiUsageStore` keeps in `ai_usage`). */
export type UsageCounter = Pick<AiUsageStore, 'used' | 'add'>;

type AiEnv = Pick<
  Env,
  | 'AI_BASE_URL'
  | 'AI_API_KEY'
  | 'AI_MODEL'
  | 'AI_EMBEDDING_MODEL'
  | 'AI_MONTHLY_TOKEN_BUDGET'
  | 'AI_TIMEOUT_MS'
  | 'AI_MAX_RETRIES'
>;

/** No provider: every call is a fallback, and nothing is sent anywhere. */
const NONE: AiProvider = {
  configured: false,
  ask: async () => undefined,
  embed: async () => undefined,
};

/**
 * The OpenAI-compatible provider: chat completions in JSON mode and embeddings through the
 * `openai` client (its `timeout`, and `maxRetries` with backoff that honours 429 Retry-After),
 * within each workspace's monthly token budget. Failures are logged with the prompt's name,
 * never the text, and answered as undefined.
 */
export class OpenAiProvider implements AiProvider {
  readonly configured = true;
  private readonly client: OpenAI;
  private readonly overBudgetLogged = new Set<string>();

  constructor(
    private readonly env: AiEnv & { AI_BASE_URL: string; AI_MODEL: string },
    /** Where tokens are counted (`AiUsageStore`; the evaluation keeps them in memory). */
    private readonly usage: UsageCounter,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly prompts: PromptTemplates = loadPrompts(),
  ) {
    this.client = new OpenAI({
      baseURL: env.AI_BASE_URL,
      // A local server (Ollama, llama.cpp) takes any key; the client insists on one.
      apiKey: env.AI_API_KEY ?? 'none',
      timeout: env.AI_TIMEOUT_MS,
      maxRetries: env.AI_MAX_RETRIES,
    });
  }

  async ask<S extends z.ZodType>(
    teamId: string,
    prompt: PromptName,
    values: Readonly<Record<string, string>>,
    schema: S,
  ): Promise<z.infer<S> | undefined> {
    const month = await this.admitted(teamId, prompt);
    if (!month) return undefined;
    let content: string | null | undefined;
    try {
      const completion = await this.client.chat.completions.create({
        model: this.env.AI_MODEL,
        response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: renderPrompt(this.prompts[prompt], values) }],
      });
      await this.count(teamId, month, completion.usage?.total_tokens);
      content = completion.choices[0]?.message.content;
    } catch (error) {
      this.logger.warn({ prompt, teamId, err: failure(error) }, 'AI call failed; not using AI');
      return undefined;
    }
    const answer = parseAnswer(schema, content);
    if (answer === undefined) {
      this.logger.warn(
        { prompt, teamId },
        'AI answer malformed (not JSON or wrong shape); not using AI',
      );
    }
    return answer;
  }

  async embed(teamId: string, texts: readonly string[]): Promise<number[][] | undefined> {
    const model = this.env.AI_EMBEDDING_MODEL;
    if (!model || texts.length === 0) return texts.length === 0 ? [] : undefined;
    const month = await this.admitted(teamId, 'embeddings');
    if (!month) return undefined;
    try {
      // Floats asked for by name: the SDK otherwise asks for base64, which local servers
      // (Ollama, llama.cpp) may not speak.
      const input = [...texts];
      const result = await this.client.embeddings.create({
        model,
        input,
        encoding_format: 'float',
      });
      await this.count(teamId, month, result.usage?.total_tokens);
      const vectors = [...result.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      return vectors.length === texts.length ? vectors : undefined;
    } catch (error) {
      this.logger.warn({ prompt: 'embeddings', teamId, err: failure(error) }, 'AI call failed');
      return undefined;
    }
  }

  /** The budget month when the workspace may call now; logs the first refusal of a month. */
  private async admitted(teamId: string, prompt: string): Promise<string | undefined> {
    const month = budgetMonth(this.clock.now());
    const used = await this.usage.used(teamId, month);
    if (withinBudget(used, this.env.AI_MONTHLY_TOKEN_BUDGET)) return month;
    const key = `${teamId}:${month}`;
    if (!this.overBudgetLogged.has(key)) {
      this.overBudgetLogged.add(key);
      this.logger.warn(
        { teamId, month, used, budget: this.env.AI_MONTHLY_TOKEN_BUDGET, prompt },
        'AI monthly token budget used up; AI assist is off for this workspace until next month',
      );
    }
    return undefined;
  }

  private async count(teamId: string, month: string, tokens: number | undefined): Promise<void> {
    await this.usage.add(teamId, month, Math.max(0, Math.round(tokens ?? 0)));
  }
}

/** An error as a log line may carry it: its class and status, not a body that may echo text. */
function failure(error: unknown): { name?: string; status?: number } {
  const e = error as { name?: string; status?: number };
  return { ...(e.name ? { name: e.name } : {}), ...(e.status ? { status: e.status } : {}) };
}

const providers = new WeakMap<object, AiProvider>();

/** The bot's provider, made once per set of dependencies: none without AI_BASE_URL. */
export function aiProvider(deps: {
  env: AiEnv;
  models: Pick<Models, 'aiUsage'>;
  clock: Clock;
  logger: Logger;
}): AiProvider {
  let provider = providers.get(deps);
  if (!provider) {
    const { AI_BASE_URL, AI_MODEL } = deps.env;
    provider =
      AI_BASE_URL && AI_MODEL
        ? new OpenAiProvider(
            { ...deps.env, AI_BASE_URL, AI_MODEL },
            new AiUsageStore(deps.models),
            deps.clock,
            deps.logger,
          )
        : NONE;
    providers.set(deps, provider);
  }
  return provider;
}
