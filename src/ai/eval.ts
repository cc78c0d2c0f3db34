import { z } from 'zod';
import {
  decideTopLevel,
  type DetectionSettings,
  type RecentRequest,
  type TopLevelDecision,
} from '../requests/detection.js';

/** One labelled customer message of `test/fixtures/eval/messages.json`. */
export const EvalMessage = z.object({
  id: z.string(),
  text: z.string().min(1),
  kind: z.enum(['request', 'follow_up', 'pleasantry']),
  /** The subtype a person gave it (requests only). */
  subtype: z.string().optional(),
  /** The customer's open request it was posted after, and how many minutes after its opening. */
  follows: z.string().optional(),
  minutesAfter: z.number().min(0).optional(),
  /** What should happen to it: join the open request, open one, or nothing. */
  expected: z.enum(['group', 'create', 'ignore']),
});
export type EvalMessage = z.infer<typeof EvalMessage>;

export const EvalFixtures = z.object({
  subtypes: z.array(z.string()).nonempty(),
  messages: z.array(EvalMessage).min(60),
});
export type EvalFixtures = z.infer<typeof EvalFixtures>;

/** Today's detection settings as the evaluation runs them: the default 5-minute window. */
export const EVAL_SETTINGS: DetectionSettings = {
  blockRequestDetection: false,
  groupingWindowMinutes: 5,
  suppressOnNonClosedThreads: true,
  reopenClosed: true,
  blockOnDiscarded: false,
};

const EVAL_NOW = new Date('2026-11-30T12:00:00Z');

/** The open request a message was posted after, as detection sees it (undefined: none). */
export function openRequestOf(message: EvalMessage): RecentRequest | undefined {
  if (!message.follows) return undefined;
  const minutes = message.minutesAfter ?? 0;
  return {
    id: message.follows,
    status: 'open',
    lastTopLevelAt: new Date(EVAL_NOW.getTime() - minutes * 60_000),
  };
}

/** Today's rules' decision for a message (the grouping window; pleasantries ignored). */
export function heuristicGrouping(message: EvalMessage): TopLevelDecision {
  return decideTopLevel(EVAL_SETTINGS, message.text, EVAL_NOW, openRequestOf(message));
}

/** When the evaluation's decisions are taken (for the model path's `smartGrouping`). */
export const evalNow = () => EVAL_NOW;

/**
 * A keyword heuristic for subtypes: the bot has no subtype rule of its own (subtypes exist only
 * for AI tagging), so this is the baseline the model is measured against. First match wins.
 */
const SUBTYPE_KEYWORDS: [string, RegExp][] = [
  ['access', /\b(access|password|sso|login fails|locked|permissions?|admin)\b/i],
  ['billing', /\b(invoice|charged|refund|billing|payment|subscription|price)\b/i],
  [
    'feature_request',
    /\b(feature|would be great|would love|could you add|can you add|support for|plans to add|please support)\b/i,
  ],
  ['bug', /\b(error|fails?|crash(es)?|broken|freezes|stopped|throws|500)\b/i],
  ['question', /^(how|where|what|is there|can you explain|can i)\b|\?\s*$/i],
];

export function heuristicSubtype(text: string, subtypes: readonly string[]): string | undefined {
  const found = SUBTYPE_KEYWORDS.find(
    ([subtype, pattern]) => subtypes.includes(subtype) && pattern.test(text),
  );
  return found?.[0];
}

/** The share of messages whose decision is the expected one (0 for none). */
export function groupingAccuracy(pairs: readonly { expected: string; actual: string }[]): number {
  if (pairs.length === 0) return 0;
  return pairs.filter((p) => p.expected === p.actual).length / pairs.length;
}

/**
 * Macro-averaged F1 over `labels`: per label, F1 = 2·TP / (2·TP + FP + FN) (0 when the label is
 * neither expected nor predicted), then the mean. A missing prediction is a false negative.
 */
export function macroF1(
  pairs: readonly { expected: string; predicted: string | undefined }[],
  labels: readonly string[],
): number {
  if (labels.length === 0) return 0;
  const scores = labels.map((label) => {
    const tp = pairs.filter((p) => p.expected === label && p.predicted === label).length;
    const fp = pairs.filter((p) => p.expected !== label && p.predicted === label).length;
    const fn = pairs.filter((p) => p.expected === label && p.predicted !== label).length;
    return tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return scores.reduce((a, b) => a + b, 0) / labels.length;
}

/** The figures of one path (heuristic or model) over the fixtures. */
export interface EvalFigures {
  groupingAccuracy: number;
  classificationF1: number;
  messages: number;
  classified: number;
}

/**
 * The figures from one path's decisions: `grouping` for every message, `subtype` for the
 * messages labelled with one.
 */
export function evaluate(
  fixtures: EvalFixtures,
  grouping: (message: EvalMessage) => TopLevelDecision['action'],
  subtype: (message: EvalMessage) => string | undefined,
): EvalFigures {
  const { messages, subtypes } = fixtures;
  const labelled = messages.filter((m) => m.subtype !== undefined);
  return {
    groupingAccuracy: groupingAccuracy(
      messages.map((m) => ({ expected: m.expected, actual: grouping(m) })),
    ),
    classificationF1: macroF1(
      labelled.map((m) => ({ expected: m.subtype as string, predicted: subtype(m) })),
      subtypes,
    ),
    messages: messages.length,
    classified: labelled.length,
  };
}
