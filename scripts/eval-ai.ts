// The AI half of `npm run eval` (issue 16): grouping accuracy and subtype macro-F1 on the labelled
// fixtures, for today's heuristics and, when AI_BASE_URL is set, for the model.
import { readFileSync } from 'node:fs';
import { groupingCandidate, smartGrouping } from '../src/ai/grouping.js';
import { GroupingAnswer, subtypeAnswer } from '../src/ai/outputs.js';
import {
  EVAL_SETTINGS,
  EvalFixtures,
  evalNow,
  evaluate,
  heuristicGrouping,
  heuristicSubtype,
  openRequestOf,
  type EvalFigures,
  type EvalMessage,
} from '../src/ai/eval.js';
import { systemClock } from '../src/clock.js';
import { AiEnv, parseEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { OpenAiProvider, type UsageCounter } from '../src/services/ai/provider.js';

const FIXTURES = new URL('../test/fixtures/eval/messages.json', import.meta.url);
const TEAM = 'eval';

/** Tokens kept in memory: the evaluation has no database and no budget. */
function memoryUsage(): UsageCounter & { tokens: number } {
  const counter = {
    tokens: 0,
    used: async () => 0,
    add: async (_team: string, _month: string, tokens: number) => {
      counter.tokens += tokens;
    },
  };
  return counter;
}

const pct = (x: number) => x.toFixed(2);
const line = (path: string, f: EvalFigures) =>
  `${path}: grouping accuracy ${pct(f.groupingAccuracy)} (${f.messages} messages), subtype macro-F1 ${pct(f.classificationF1)} (${f.classified} labelled)`;

/** The evaluation's AI lines; `source` is the environment (default `process.env`). */
export async function aiSection(
  source: Record<string, string | undefined> = process.env,
): Promise<string[]> {
  const fixtures = EvalFixtures.parse(JSON.parse(readFileSync(FIXTURES, 'utf8')));
  const byId = new Map(fixtures.messages.map((m) => [m.id, m]));
  const heuristic = evaluate(
    fixtures,
    (m) => heuristicGrouping(m).action,
    (m) => heuristicSubtype(m.text, fixtures.subtypes),
  );
  const lines = [
    'AI (grouping and classification)',
    line('heuristic (5-minute grouping window; keyword subtypes)', heuristic),
  ];
  const env = parseEnv(source, AiEnv);
  if (!env.AI_BASE_URL || !env.AI_MODEL) {
    return [...lines, 'model: not run (no AI provider configured: set AI_BASE_URL and AI_MODEL)'];
  }
  const usage = memoryUsage();
  const provider = new OpenAiProvider(
    { ...env, AI_BASE_URL: env.AI_BASE_URL, AI_MODEL: env.AI_MODEL },
    usage,
    systemClock,
    createLogger('silent'),
  );
  const grouping = new Map<string, string>();
  const subtypes = new Map<string, string | undefined>();
  const schema = subtypeAnswer(fixtures.subtypes as [string, ...string[]]);
  for (const m of fixtures.messages) {
    grouping.set(m.id, await modelGrouping(provider, m, byId));
    if (m.subtype === undefined) continue;
    const values = {
      subtypes: fixtures.subtypes.join(', '),
      tags: '(none)',
      categories: '(none)',
      message: m.text,
    };
    subtypes.set(m.id, (await provider.ask(TEAM, 'classify', values, schema))?.subtype);
  }
  const model = evaluate(
    fixtures,
    (m) => grouping.get(m.id) as 'group',
    (m) => subtypes.get(m.id),
  );
  return [...lines, `${line(`model ${env.AI_MODEL}`, model)}; ${usage.tokens} tokens`];
}

async function modelGrouping(
  provider: OpenAiProvider,
  m: EvalMessage,
  byId: Map<string, EvalMessage>,
): Promise<string> {
  const heuristic = heuristicGrouping(m);
  const candidate = groupingCandidate(heuristic, openRequestOf(m));
  const open = m.follows ? byId.get(m.follows) : undefined;
  if (!candidate || !open) return heuristic.action;
  const values = { open_request: open.text, message: m.text };
  const answer = await provider.ask(TEAM, 'grouping', values, GroupingAnswer);
  return smartGrouping(EVAL_SETTINGS, m.text, evalNow(), heuristic, candidate, answer).action;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const text of await aiSection()) console.log(text);
}
