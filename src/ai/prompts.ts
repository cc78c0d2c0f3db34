/** The prompts the bot sends, one file each in `src/ai/prompts/<name>.md`. */
export const PROMPT_NAMES = ['grouping', 'classify', 'draft-reply', 'summary'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/** The prompt templates by name, as loaded from their files at start. */
export type PromptTemplates = Readonly<Record<PromptName, string>>;

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

/** The `{{name}}` placeholders a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * A template with each `{{name}}` replaced by `values[name]`. A placeholder without a value is
 * a programming error (a prompt file and its caller disagree), so it throws rather than send a
 * prompt with a hole in it.
 */
export function renderPrompt(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt placeholder {{${name}}} has no value`);
    return value;
  });
}

/** Checks that every prompt is present and not blank; throws naming the first that is not. */
export function checkedTemplates(
  files: Readonly<Record<string, string | undefined>>,
): PromptTemplates {
  const templates = {} as Record<PromptName, string>;
  for (const name of PROMPT_NAMES) {
    const text = files[name]?.trim();
    if (!text) throw new Error(`prompt "${name}" is missing or empty (src/ai/prompts/${name}.md)`);
    templates[name] = text;
  }
  return templates;
}
