import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The bot's prompts, told apart by a phrase each file's text carries (`src/ai/prompts/`). */
export type StubPrompt = 'grouping' | 'classify' | 'draft-reply' | 'summary' | 'embeddings';

/** One request the stub took. */
export interface StubCall {
  path: string;
  prompt: StubPrompt | 'unknown';
  /** The user message (chat) or the inputs joined (embeddings). */
  text: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * What a rule answers: a JSON object (sent as the message content), raw content, or a fault:
 * `malformed` (content that is not JSON), `invalid` (JSON that fails the prompt's schema),
 * `429` (rate limited, with Retry-After: 0), `500`, `hang` (never answers: the client times out).
 */
export type StubAnswer =
  | { json: unknown }
  | { content: string }
  | { fault: 'malformed' | 'invalid' | '429' | '500' | 'hang' };

interface Rule {
  prompt: StubPrompt;
  when: (text: string) => boolean;
  answer: StubAnswer;
  /** How many more calls it answers (undefined: every one). */
  times?: number;
}

const MARKERS: [StubPrompt, string][] = [
  ['grouping', '"same_request"'],
  ['classify', 'Allowed subtypes:'],
  ['draft-reply', '"reply"'],
  ['summary', '"summary"'],
];

/** Dimensions of the stub's hashed bag-of-words embeddings. */
export const EMBEDDING_DIMENSIONS = 64;

/**
 * A local OpenAI-compatible server (`POST /v1/chat/completions`, `POST /v1/embeddings`), its
 * answers in the shapes of OpenAI's API reference (`chat.completion` with `choices` and `usage`;
 * `list` of `embedding` with `usage`; errors as `{error: {message, type, param, code}}`). Chat
 * answers come from the rules a test sets, the first matching one; without one, `{}`.
 * Embeddings are deterministic: hashed bag-of-words vectors, L2-normalised.
 */
export class AiStub {
  readonly calls: StubCall[] = [];
  private rules: Rule[] = [];
  private readonly hanging = new Set<ServerResponse>();
  /** Tokens each chat answer reports in `usage.total_tokens` (prompt + completion). */
  tokensPerCall = 100;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<AiStub> {
    const holder: { stub?: AiStub } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => holder.stub?.take(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.stub = new AiStub(server, `http://127.0.0.1:${port}/v1`);
    return holder.stub;
  }

  /** Answers `prompt` calls whose text passes `when` (default: all) with `answer`. */
  on(
    prompt: StubPrompt,
    answer: StubAnswer,
    options: { when?: (text: string) => boolean; times?: number } = {},
  ) {
    this.rules.push({
      prompt,
      answer,
      when: options.when ?? (() => true),
      ...(options.times ? { times: options.times } : {}),
    });
    return this;
  }

  /** Forgets the rules and the calls. */
  reset(): void {
    this.rules = [];
    this.calls.length = 0;
    this.tokensPerCall = 100;
  }

  /** Calls taken, all or of one prompt. */
  count(prompt?: StubPrompt): number {
    return this.calls.filter((c) => !prompt || c.prompt === prompt).length;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private take(req: IncomingMessage, text: string, res: ServerResponse): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return error(
        res,
        400,
        'We could not parse the JSON body of your request.',
        'invalid_request_error',
      );
    }
    const path = (req.url ?? '').split('?')[0] as string;
    const authorization = req.headers.authorization;
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const input = body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input)];
      this.calls.push({ path, prompt: 'embeddings', text: texts.join('\n'), body, authorization });
      // As OpenAI answers: floats, or with `encoding_format: "base64"` the little-endian float32s.
      const encode = (vector: number[]) =>
        body.encoding_format === 'base64'
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
      const data = texts.map((t, index) => ({
        object: 'embedding',
        index,
        embedding: encode(embedding(t)),
      }));
      const tokens = texts.reduce((n, t) => n + words(t).length, 0);
      return json(res, 200, {
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return error(
        res,
        404,
        `Unknown request URL: ${req.method} ${path}.`,
        'invalid_request_error',
      );
    }
    const messages = (body.messages ?? []) as { role: string; content: string }[];
    const user = messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n');
    const prompt = MARKERS.find(([, marker]) => user.includes(marker))?.[0] ?? 'unknown';
    this.calls.push({ path, prompt, text: user, body, authorization });
    const rule = this.rules.find((r) => r.prompt === prompt && (r.times ?? 1) > 0 && r.when(user));
    if (rule?.times !== undefined) rule.times -= 1;
    const answer = rule?.answer ?? { json: {} };
    if ('fault' in answer) {
      if (answer.fault === 'hang') {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      if (answer.fault === '429') {
        res.setHeader('retry-after', '0');
        return error(
          res,
          429,
          'Rate limit reached for requests',
          'requests',
          'rate_limit_exceeded',
        );
      }
      if (answer.fault === '500') {
        return error(
          res,
          500,
          'The server had an error while processing your request.',
          'server_error',
        );
      }
    }
    const content =
      'json' in answer
        ? JSON.stringify(answer.json)
        : 'content' in answer
          ? answer.content
          : answer.fault === 'malformed'
            ? 'Sure! Here is the answer: {"same_request": tru'
            : JSON.stringify({ unexpected: 'shape' });
    const completion = Math.max(1, Math.round(this.tokensPerCall / 4));
    json(res, 200, {
      id: `chatcmpl-stub${this.calls.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: this.tokensPerCall - completion,
        completion_tokens: completion,
        total_tokens: this.tokensPerCall,
      },
      system_fingerprint: 'fp_stub',
    });
  }
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** A text's hashed bag-of-words vector (FNV-1a of each word, modulo the dimensions), L2-normalised. */
export function embedding(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of words(text)) {
    let hash = 0x811c9dc5;
    for (const ch of word) hash = Math.imul(hash ^ (ch.codePointAt(0) as number), 0x01000193) >>> 0;
    vector[hash % EMBEDDING_DIMENSIONS] = (vector[hash % EMBEDDING_DIMENSIONS] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function error(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
) {
  json(res, status, { error: { message, type, param: null, code } });
}
