import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { EvalFixtures, groupingAccuracy, macroF1 } from '../../../src/ai/eval.js';
import { aiSection } from '../../../scripts/eval-ai.js';
import { AiStub } from '../../support/ai-stub.js';

const fixtures = EvalFixtures.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/eval/messages.json', import.meta.url), 'utf8')),
);

describe('the evaluation’s arithmetic', () => {
  it.each([
    [[], 0],
    [[{ expected: 'group', actual: 'group' }], 1],
    [
      [
        { expected: 'group', actual: 'create' },
        { expected: 'create', actual: 'create' },
      ],
      0.5,
    ],
  ])('grouping accuracy of %j is %d', (pairs, accuracy) => {
    expect(groupingAccuracy(pairs)).toBe(accuracy);
  });

  it.each([
    // a: TP 1, FN 1 → 2/3; b: TP 1, FP 1 → 2/3; mean 2/3
    [['a', 'a', 'b'], ['a', 'b', 'b'], ['a', 'b'], 2 / 3],
    // every label right → 1
    [['a', 'b'], ['a', 'b'], ['a', 'b'], 1],
    // a missing prediction counts as a miss: a 0/(0+0+1) → 0; b unused → 0; mean 0
    [['a'], [undefined], ['a', 'b'], 0],
  ])('macro-F1 of expected %j, predicted %j over %j', (expected, predicted, labels, f1) => {
    const pairs = expected.map((e, i) => ({ expected: e, predicted: predicted[i] }));
    expect(macroF1(pairs, labels)).toBeCloseTo(f1, 10);
  });

  it('has at least 60 labelled messages of every kind and several subtypes', () => {
    const kinds = new Set(fixtures.messages.map((m) => m.kind));
    expect(fixtures.messages.length).toBeGreaterThanOrEqual(60);
    expect([...kinds].sort()).toEqual(['follow_up', 'pleasantry', 'request']);
    for (const subtype of fixtures.subtypes) {
      expect(fixtures.messages.filter((m) => m.subtype === subtype).length).toBeGreaterThanOrEqual(
        5,
      );
    }
  });
});

describe('aiSection', () => {
  let stub: AiStub;
  beforeAll(async () => {
    stub = await AiStub.start();
  });
  afterAll(() => stub.stop());

  it('prints the heuristic figures and says the model was not run without a provider', async () => {
    const lines = await aiSection({});
    expect(lines[1]).toMatch(
      /^heuristic .*grouping accuracy 0\.\d\d \(60 messages\), subtype macro-F1 \d\.\d\d/,
    );
    expect(lines[2]).toContain('no AI provider configured');
    expect(stub.count()).toBe(0);
  });

  it('scores the model through the provider: an oracle stub scores 1.00 on both', async () => {
    for (const m of fixtures.messages) {
      stub.on(
        'grouping',
        { json: { same_request: m.expected === 'group' } },
        { when: (text) => text.includes(`New message:\n${m.text}`) },
      );
      if (m.subtype) {
        stub.on(
          'classify',
          { json: { subtype: m.subtype } },
          {
            when: (text) => text.includes(`Request:\n${m.text}\n`),
          },
        );
      }
    }
    const lines = await aiSection({ AI_BASE_URL: stub.url, AI_MODEL: 'oracle' });
    expect(lines[2]).toMatch(
      /^model oracle: grouping accuracy 1\.00 \(60 messages\), subtype macro-F1 1\.00 \(\d+ labelled\); \d+ tokens$/,
    );
    expect(stub.count('classify')).toBe(fixtures.messages.filter((m) => m.subtype).length);
    // Only messages posted while the customer had an open request are asked about.
    expect(stub.count('grouping')).toBe(fixtures.messages.filter((m) => m.follows).length);
  });
});
