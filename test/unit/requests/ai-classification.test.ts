import { describe, expect, it } from '@jest/globals';
import {
  aiTags,
  channelTags,
  classifyChoices,
  classifyPromptValues,
  keepOffered,
  splitAnswer,
  type ClassifyAnswer,
  type ClassifyChoices,
} from '../../../src/requests/ai-classification.js';
import { classificationStamp, decidePick } from '../../../src/requests/card-picks.js';
import { Features } from '../../../src/settings/features.js';

type Category = Features['requests']['categories'][number];

const category = (over: Partial<Category> & { category_name: string }): Category => ({
  type: 'select',
  available_values: [
    { name: 'Data export', value: 'export' },
    { name: 'Billing', value: 'billing' },
  ],
  capture_change: false,
  mandatory_on_close: false,
  autoassign_by_ai: false,
  ...over,
});
const AREA = category({ category_name: 'Area' });
const PRODUCT = category({
  category_name: 'Product',
  autoassign_by_ai: true,
  available_values: [{ name: 'API', value: 'api' }],
});
const NOTES = category({ category_name: 'Notes', type: 'text', available_values: [] });

const features = (requests: Record<string, unknown>) => Features.parse({ requests });

describe('aiTags: user-defined tags minus the blacklist', () => {
  it.each([
    [['export', 'urgent'], [], ['export', 'urgent']],
    [['export', 'Assistance', 'issue'], ['assistance', 'ISSUE'], ['export']], // case ignored
    [['Export', 'export', 'urgent'], [], ['Export', 'urgent']], // each once, first spelling
    [[], ['issue'], []],
  ])('%j minus %j is %j', (userDefinedTags, blacklistedAITags, expected) => {
    expect(aiTags(features({ aiTags: { userDefinedTags, blacklistedAITags } }))).toEqual(expected);
  });

  it('adds the AI tags the support list does not name to the channel’s tags', () => {
    const f = features({
      support: { tags: [{ name: 'Billing', value: 'billing' }] },
      aiTags: { userDefinedTags: ['BILLING', 'export'], blacklistedAITags: [] },
    });
    expect(channelTags(f)).toEqual([
      { name: 'Billing', value: 'billing' },
      { name: 'export', value: 'export' },
    ]);
  });
});

describe('classifyChoices: whether the model is asked, and about what', () => {
  it.each([
    ['nothing configured', {}, undefined],
    ['subtypes', { ai: { requestSubTypes: ['bug'] } }, { subtypes: ['bug'], tags: [] }],
    [
      'only blacklisted tags',
      { aiTags: { userDefinedTags: ['a'], blacklistedAITags: ['A'] } },
      undefined,
    ],
    ['a category without autoassign_by_ai', { categories: [AREA] }, undefined],
    [
      'a text category with autoassign_by_ai',
      { categories: [{ ...NOTES, autoassign_by_ai: true }] },
      undefined,
    ],
    [
      'an autoassign select category',
      { categories: [AREA, PRODUCT, NOTES] },
      { subtypes: [], tags: [] },
    ],
  ])('%s', (_, requests, expected) => {
    const choices = classifyChoices(features(requests));
    if (!expected) expect(choices).toBeUndefined();
    else expect(choices).toMatchObject(expected);
  });

  it('offers the select categories only, with their values, in the prompt', () => {
    const choices = classifyChoices(features({ categories: [AREA, PRODUCT, NOTES] }))!;
    expect(choices.categories.map((c) => c.category_name)).toEqual(['Area', 'Product']);
    expect(classifyPromptValues(choices, 'Hi')).toEqual({
      subtypes: '(none)',
      tags: '(none)',
      categories: 'Area: export, billing; Product: api',
      message: 'Hi',
    });
  });
});

const CHOICES: ClassifyChoices = {
  subtypes: ['bug', 'question'],
  tags: ['export', 'urgent'],
  categories: [AREA, PRODUCT],
};

describe('keepOffered: only configured values are kept', () => {
  it.each<[string, ClassifyAnswer, object, string[]]>([
    [
      'all offered, in other cases and by display name',
      { subtype: 'BUG', tags: ['Export', 'urgent', 'export'], categories: { area: 'data EXPORT' } },
      {
        subType: 'bug',
        tags: ['export', 'urgent'],
        categories: [{ name: 'Area', value: 'export' }],
      },
      [],
    ],
    [
      'invented values dropped',
      { subtype: 'outage', tags: ['made-up', 'urgent'], categories: { Area: 'Moon', Planet: 'x' } },
      { subType: null, tags: ['urgent'], categories: [] },
      ['subtype "outage"', 'tag "made-up"', 'category "Area": "Moon"', 'category "Planet": "x"'],
    ],
    [
      'blanks and absent fields are nothing',
      { subtype: ' ', tags: null, categories: { Area: '' } },
      { subType: null, tags: [], categories: [] },
      [],
    ],
  ])('%s', (_, answer, kept, dropped) => {
    expect(keepOffered(answer, CHOICES)).toEqual({ kept, dropped });
  });

  it('drops a blacklisted tag, which is never among the choices', () => {
    const choices = classifyChoices(
      features({ aiTags: { userDefinedTags: ['export', 'issue'], blacklistedAITags: ['Issue'] } }),
    )!;
    expect(keepOffered({ tags: ['issue', 'export'] }, choices).kept.tags).toEqual(['export']);
  });
});

describe('splitAnswer: autoassign categories set, the rest suggested', () => {
  const fresh = { subType: null, tags: [], categories: [] };
  const kept = {
    subType: 'bug',
    tags: ['export'],
    categories: [
      { name: 'Area', value: 'export' },
      { name: 'Product', value: 'api' },
    ],
  };

  it.each([
    [
      'a new request',
      fresh,
      [{ name: 'Product', value: 'api' }],
      { subType: 'bug', tags: ['export'], categories: [{ name: 'Area', value: 'export' }] },
    ],
    [
      'a request that already has it all',
      { subType: 'bug', tags: ['export'], categories: kept.categories },
      [],
      undefined,
    ],
  ])('%s', (_, request, auto, suggestion) => {
    expect(splitAnswer(kept, [AREA, PRODUCT], request)).toEqual({ auto, suggestion });
  });
});

describe('decidePick: a subtype (an AI suggestion’s Apply)', () => {
  const allowed = { severity: [], tags: [], subtypes: ['bug', 'question'] };

  it.each([
    [['Bug'], null, { kind: 'set', field: 'subtype', from: null, to: 'bug' }],
    [['bug'], 'bug', { kind: 'unchanged' }],
    [['outage'], null, { kind: 'refuse' }],
    [['bug', 'question'], null, { kind: 'refuse' }],
  ])('%j on a request of subtype %j → %j', (values, subType, expected) => {
    const request = { severity: null, tags: [], categories: [], status: 'open', subType };
    const pick = { field: 'subtype' as const, values };
    const stamp = classificationStamp(request);
    expect(decidePick({ request, allowed, who: 'agent', stamp, pick })).toMatchObject(expected);
  });
});
