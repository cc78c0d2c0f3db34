import type { TopLevelDecision } from '../../../src/requests/detection.js';
import {
  decideSuggestion,
  isUnclear,
  looksLikeQuestion,
  suggestionSettings,
  suggestionTarget,
  type SuggestionSettings,
} from '../../../src/requests/suggestion.js';
import { Features } from '../../../src/settings/features.js';

describe('looksLikeQuestion and isUnclear', () => {
  it.each<[string, boolean, boolean]>([
    // text, a question, unclear
    ['Is the export broken for Acme?', true, false],
    ['how do I reset my password', true, false],
    ['Please check invoice 42', true, false],
    ['Any update', true, false],
    ['invoice', false, true],
    ['following up', false, true],
    ['hmm :thinking_face:', false, true],
    ['<@U0AGENT> invoice 42', false, true], // a mention is not a word
    ['The export fails with a timeout since Monday', false, false], // clear enough: a request
    ['thanks!', false, false], // a pleasantry
    [':+1:', false, false],
    ['', false, false],
  ])('%j: question %s, unclear %s', (text, question, unclear) => {
    expect([looksLikeQuestion(text), isUnclear(text)]).toEqual([question, unclear]);
  });
});

describe('decideSuggestion', () => {
  const on: SuggestionSettings = { suggest: true, channelId: null, keepOthers: false };
  const off: SuggestionSettings = { suggest: false, channelId: null, keepOthers: false };
  const keep: SuggestionSettings = { suggest: false, channelId: null, keepOthers: true };
  const create: TopLevelDecision = { action: 'create' };
  const group: TopLevelDecision = { action: 'group', requestId: 'r1' };
  const pleasantry: TopLevelDecision = { action: 'ignore', reason: 'pleasantry' };

  it.each<
    [
      string,
      SuggestionSettings,
      'customer' | 'agent',
      string,
      TopLevelDecision | undefined,
      ReturnType<typeof decideSuggestion>,
    ]
  >([
    [
      'agent question, on',
      on,
      'agent',
      'Is the export broken?',
      undefined,
      { action: 'suggest', why: 'agent_question' },
    ],
    ['agent statement, on', on, 'agent', 'I am looking into it', undefined, { action: 'follow' }],
    ['agent question, off', off, 'agent', 'Is the export broken?', undefined, { action: 'follow' }],
    [
      'agent statement, kept',
      keep,
      'agent',
      'I am looking into it',
      undefined,
      { action: 'keep', why: 'agent_message' },
    ],
    [
      'unclear customer, on',
      on,
      'customer',
      'invoice',
      create,
      { action: 'suggest', why: 'unclear' },
    ],
    [
      'unclear customer, off: a request as before',
      off,
      'customer',
      'invoice',
      create,
      { action: 'follow' },
    ],
    [
      'clear customer request, on',
      on,
      'customer',
      'The export fails since Monday',
      create,
      { action: 'follow' },
    ],
    ['grouped into a live request, on', on, 'customer', 'invoice', group, { action: 'follow' }],
    [
      'pleasantry, kept',
      keep,
      'customer',
      'thanks!',
      pleasantry,
      { action: 'keep', why: 'pleasantry' },
    ],
    ['pleasantry, not kept', on, 'customer', 'thanks!', pleasantry, { action: 'follow' }],
  ])('%s', (_what, settings, sender, text, detector, expected) => {
    expect(decideSuggestion(settings, sender, text, detector)).toEqual(expected);
  });

  it('reads the three seed-000 keys', () => {
    const features = Features.parse({
      requests: {
        config: {
          send_suggestedrequest_message: true,
          send_suggestedrequest_message_channel: 'C0SUGGEST',
          store_non_suggested_request: true,
        },
      },
    });
    expect(suggestionSettings(features)).toEqual({
      suggest: true,
      channelId: 'C0SUGGEST',
      keepOthers: true,
    });
  });
});

describe('suggestionTarget', () => {
  const on = { suggest: true, keepOthers: false };
  it.each<[string | null, string | null | undefined, string | null]>([
    ['C0SUGGEST', 'C0TRIAGE', 'C0SUGGEST'], // the suggestions channel when set
    [null, 'C0TRIAGE', 'C0TRIAGE'], // else the triage channel
    [null, null, null], // else nowhere
  ])('channel %s, triage %s: %s', (channelId, triage, expected) => {
    expect(suggestionTarget({ ...on, channelId }, triage)).toBe(expected);
  });
});
