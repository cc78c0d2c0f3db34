import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkedTemplates, PROMPT_NAMES, type PromptTemplates } from '../../ai/prompts.js';

/** The folder of the prompt files (`src/ai/prompts/`, copied beside the build's output). */
export const PROMPTS_DIR = fileURLToPath(new URL('../../ai/prompts/', import.meta.url));

/** Reads every prompt file of `folder`; throws naming a missing or empty one. */
export function loadPrompts(folder: string = PROMPTS_DIR): PromptTemplates {
  const files: Record<string, string | undefined> = {};
  for (const name of PROMPT_NAMES) {
    try {
      files[name] = readFileSync(`${folder}/${name}.md`, 'utf8');
    } catch {
      files[name] = undefined;
    }
  }
  return checkedTemplates(files);
}
