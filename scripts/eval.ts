/**
 * `npm run eval`: the evaluation figures on the fixture set (`test/fixtures/eval/`). Each section
 * is one function returning its lines; adding one (the AI's `aiSection` in `scripts/eval-ai.ts`)
 * is one import and one entry of `SECTIONS`. Exits 1 when a figure misses its goal.
 */
import { readFileSync } from 'node:fs';
import { evaluateKb, type LabelledQuery } from '../src/kb/evaluate.js';
import type { IndexedArticle } from '../src/kb/search.js';
import { aiSection } from './eval-ai.js';

/** A section's figures: lines to print, and whether its goals are met. */
export interface EvalSection {
  title: string;
  lines: string[];
  ok: boolean;
}

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/eval/${name}`, import.meta.url), 'utf8')) as T;

/** KB top-3 hit rate of the BM25 path (goal ≥ 0.8). */
export function kbSection(): EvalSection {
  const articles = fixture<IndexedArticle[]>('articles.json');
  const queries = fixture<LabelledQuery[]>('kb-queries.json');
  const result = evaluateKb(articles, queries);
  return {
    title: 'Knowledge base (BM25, no AI)',
    lines: [
      `KB top-3 hit rate: ${result.top3.toFixed(3)} (${result.hits}/${result.queries} questions, ${articles.length} articles; goal ≥ 0.8)`,
      ...result.misses.map((m) => `  missed: "${m.text}" → [${m.got.join(', ')}]`),
    ],
    ok: result.top3 >= 0.8,
  };
}

/** Grouping accuracy and classification macro-F1: the heuristic path, and the model when one is set. */
async function groupingSection(): Promise<EvalSection> {
  const lines = await aiSection();
  return { title: 'Grouping and classification', lines, ok: true };
}

const SECTIONS: (() => EvalSection | Promise<EvalSection>)[] = [kbSection, groupingSection];

let ok = true;
for (const section of SECTIONS) {
  const result = await section();
  console.log(`${result.title}\n${result.lines.map((line) => `  ${line}`).join('\n')}`);
  ok &&= result.ok;
}
process.exitCode = ok ? 0 : 1;
