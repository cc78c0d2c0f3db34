import { describe, expect, it } from '@jest/globals';
import { ACTIONS } from '../../../src/constants.js';
import { draftMessage, draftValue } from '../../../src/views/ai-draft.js';
import { suggestionBlocks, suggestionText } from '../../../src/views/ai-suggestion.js';
import { Features } from '../../../src/settings/features.js';

type Category = Features['requests']['categories'][number];

const AREA: Category = {
  category_name: 'Area',
  type: 'select',
  available_values: [{ name: 'Data <export>', value: 'export' }],
  capture_change: false,
  mandatory_on_close: false,
  autoassign_by_ai: false,
};

describe('suggestionText: an AI classification as the card shows it', () => {
  it.each([
    [{ subType: 'bug', tags: [], categories: [] }, 'Suggested: subtype bug'],
    [{ subType: null, tags: ['a', 'b'], categories: [] }, 'Suggested: tags a, b'],
    [
      { subType: 'bug', tags: ['x'], categories: [{ name: 'Area', value: 'export' }] },
      'Suggested: subtype bug · tags x · Area: Data &lt;export&gt;', // the value's name, escaped
    ],
    [
      { subType: null, tags: [], categories: [{ name: 'Gone', value: 'v' }] },
      'Suggested: Gone: v', // a category no longer defined: its stored value
    ],
  ])('%j → %s', (suggestion, text) => {
    expect(suggestionText(suggestion, [AREA])).toBe(text);
  });

  it('offers Apply and Dismiss only while the suggestion is pending', () => {
    const suggestion = { subType: 'bug', tags: [], categories: [] };
    const pending = suggestionBlocks('r1', { ...suggestion, state: 'pending' });
    expect(JSON.stringify(pending)).toContain(ACTIONS.classifyApply);
    expect(JSON.stringify(pending)).toContain(ACTIONS.classifyDismiss);
    expect(suggestionBlocks('r1', { ...suggestion, state: 'applied' })).toEqual([]);
    expect(suggestionBlocks('r1', null)).toEqual([]);
  });
});

describe('draftMessage: a draft of any length', () => {
  it('carries only the request id in its buttons and keeps each section within 3,000 characters', () => {
    // 40 lines of 99 characters: 4,000 characters, quoted.
    const draft = Array.from({ length: 40 }, () => 'a'.repeat(99)).join('\n');
    const value = draftValue({ requestId: 'r1' });
    expect(value).toBe('{"requestId":"r1"}');
    const { blocks } = draftMessage(draft, value);
    const sections = blocks.filter((b) => b.type === 'section') as { text: { text: string } }[];
    expect(sections.length).toBe(2);
    expect(sections.every((s) => s.text.text.length <= 3_000)).toBe(true);
    // Every line of the draft is shown, quoted.
    const lines = sections.flatMap((s) => s.text.text.split('\n')).filter((l) => l.startsWith('>'));
    expect(lines).toHaveLength(40);
  });
});
