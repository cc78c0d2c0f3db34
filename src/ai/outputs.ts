import { z } from 'zod';

/** The grouping prompt's answer: does the new message belong to the open request. */
export const GroupingAnswer = z.object({ same_request: z.boolean() });
export type GroupingAnswer = z.infer<typeof GroupingAnswer>;

/** The draft-reply prompt's answer. */
export const DraftAnswer = z.object({ reply: z.string().trim().min(1).max(3_000) });
export type DraftAnswer = z.infer<typeof DraftAnswer>;

/** The summary prompt's answer. */
export const SummaryAnswer = z.object({ summary: z.string().trim().min(1).max(3_000) });
export type SummaryAnswer = z.infer<typeof SummaryAnswer>;

/**
 * Parses a model's message content as JSON and then by `schema`; undefined when it is not JSON
 * or does not fit (the caller falls back to the non-AI behaviour).
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  content: string | null | undefined,
): z.infer<S> | undefined {
  if (!content) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** The classify prompt's subtype, one of the channel's `requests.ai.requestSubTypes`. */
export const subtypeAnswer = (subtypes: readonly [string, ...string[]]) =>
  z.object({ subtype: z.enum(subtypes) });
