import { describe, expect, it } from '@jest/globals';
import {
  DraftAnswer,
  GroupingAnswer,
  parseAnswer,
  SummaryAnswer,
} from '../../../src/ai/outputs.js';

describe('parsing a model answer', () => {
  it.each([
    ['grouping, same', GroupingAnswer, '{"same_request": true}', { same_request: true }],
    ['grouping, new', GroupingAnswer, '{"same_request": false}', { same_request: false }],
    [
      'extra fields are dropped',
      GroupingAnswer,
      '{"same_request": true, "why": "x"}',
      { same_request: true },
    ],
    ['a draft, trimmed', DraftAnswer, '{"reply": "  Hello  "}', { reply: 'Hello' }],
    ['a summary', SummaryAnswer, '{"summary": "Export fails."}', { summary: 'Export fails.' }],
  ])('%s', (_, schema, content, expected) => {
    expect(parseAnswer(schema, content)).toEqual(expected);
  });

  it.each([
    ['not JSON', GroupingAnswer, 'Sure! {"same_request": tru'],
    ['wrong type', GroupingAnswer, '{"same_request": "yes"}'],
    ['missing field', GroupingAnswer, '{}'],
    ['an array', GroupingAnswer, '[true]'],
    ['empty draft', DraftAnswer, '{"reply": "   "}'],
    ['no content', SummaryAnswer, null],
    ['empty content', SummaryAnswer, ''],
  ])('%s → undefined (the caller falls back)', (_, schema, content) => {
    expect(parseAnswer(schema, content)).toBeUndefined();
  });
});
