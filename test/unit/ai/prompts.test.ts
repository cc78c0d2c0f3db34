import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMPT_NAMES, placeholders, renderPrompt } from '../../../src/ai/prompts.js';
import { loadPrompts } from '../../../src/services/ai/prompts.js';

describe('prompt files', () => {
  it('loads every prompt from src/ai/prompts, each asking for a JSON object', () => {
    const prompts = loadPrompts();
    expect(Object.keys(prompts).sort()).toEqual([...PROMPT_NAMES].sort());
    for (const name of PROMPT_NAMES) expect(prompts[name]).toMatch(/JSON object/);
  });

  it('names the placeholders each prompt is filled with', () => {
    const prompts = loadPrompts();
    expect(placeholders(prompts.grouping)).toEqual(['open_request', 'message']);
    expect(placeholders(prompts.classify)).toEqual(['subtypes', 'tags', 'categories', 'message']);
    expect(placeholders(prompts['draft-reply'])).toEqual(['conversation']);
    expect(placeholders(prompts.summary)).toEqual(['conversation']);
  });

  it('refuses a folder missing a prompt, naming it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'prompts-'));
    for (const name of PROMPT_NAMES.filter((n) => n !== 'summary')) {
      writeFileSync(join(folder, `${name}.md`), 'Answer with a JSON object only.');
    }
    expect(() => loadPrompts(folder)).toThrow('prompt "summary" is missing or empty');
  });
});

describe('renderPrompt', () => {
  it.each([
    ['one placeholder', 'Hi {{name}}!', { name: 'Ann' }, 'Hi Ann!'],
    ['twice the same', '{{a}}-{{a}}', { a: 'x' }, 'x-x'],
    ['values are not re-read as templates', '{{a}}', { a: '{{b}}' }, '{{b}}'],
  ])('%s', (_, template, values, expected) => {
    expect(renderPrompt(template, values)).toBe(expected);
  });

  it('throws for a placeholder without a value rather than send a hole', () => {
    expect(() => renderPrompt('{{message}}', {})).toThrow('{{message}} has no value');
  });
});
