import {
  applyUpdate,
  checkFieldValue,
  CustomFieldCreate,
  keyFromName,
  MAX_TEXT,
  type FieldDefinition,
} from '../../../src/custom-fields/definition.js';

const field = (type: FieldDefinition['type'], values: string[] = []): FieldDefinition => ({
  key: 'f',
  name: 'Tier',
  type,
  values,
});

describe('keyFromName', () => {
  it.each<[string, string | undefined]>([
    ['Contract tier', 'contract_tier'],
    ['Contract tier (2026)', 'contract_tier_2026'],
    ['  Seats  ', 'seats'],
    ['2nd line owner', 'nd_line_owner'], // a key starts with a letter
    ['Café région', 'cafe_region'],
    ['42', undefined],
    ['!!!', undefined],
    ['x'.repeat(60), 'x'.repeat(50)],
  ])('%j → %j', (name, key) => {
    expect(keyFromName(name)).toBe(key);
  });
});

describe('CustomFieldCreate', () => {
  it.each<[unknown, string[] | null]>([
    [{ attribute_display_name: 'Seats', attribute_display_type: 'number' }, null],
    [
      {
        attribute_display_name: 'Tier',
        attribute_display_type: 'list',
        attribute_values: ['Gold'],
      },
      null,
    ],
    [{ attribute_display_name: 'Tier', attribute_display_type: 'list' }, ['attribute_values']],
    [
      {
        attribute_display_name: 'Seats',
        attribute_display_type: 'number',
        attribute_values: ['1'],
      },
      ['attribute_values'],
    ],
    [
      {
        attribute_display_name: 'Tier',
        attribute_display_type: 'list',
        attribute_values: ['a', 'a'],
      },
      ['attribute_values'],
    ],
    [{ attribute_display_name: '42', attribute_display_type: 'text' }, ['attribute_key']],
    [{ attribute_display_name: '42', attribute_display_type: 'text', attribute_key: 'n42' }, null],
    [
      { attribute_display_name: 'X', attribute_display_type: 'text', attribute_key: 'Bad Key' },
      ['attribute_key'],
    ],
    [{ attribute_display_name: ' ', attribute_display_type: 'text' }, ['attribute_display_name']],
    [
      { attribute_display_name: 'X', attribute_display_type: 'checkbox' },
      ['attribute_display_type'],
    ],
    [{ attribute_display_name: 'X', attribute_display_type: 'text', colour: 'red' }, []],
  ])('%#: %j', (input, problemPaths) => {
    const result = CustomFieldCreate.safeParse(input);
    if (problemPaths === null) {
      expect(result.success).toBe(true);
    } else {
      expect(result.success).toBe(false);
      const paths = result.error?.issues.map((issue) => String(issue.path[0] ?? '')) ?? [];
      for (const path of problemPaths) expect(paths).toContain(path);
    }
  });
});

describe('applyUpdate', () => {
  it('renames any field and replaces a list’s options', () => {
    expect(
      applyUpdate(field('list', ['a']), {
        attribute_display_name: 'Plan',
        attribute_values: ['b'],
      }),
    ).toEqual({
      ok: true,
      value: { key: 'f', name: 'Plan', type: 'list', values: ['b'] },
    });
  });

  it.each<[FieldDefinition, string[], string]>([
    [field('text'), ['a'], 'only a list field has options'],
    [field('list', ['a']), [], 'a list field needs at least one option'],
  ])('%#: refuses options %j', (definition, values, error) => {
    expect(applyUpdate(definition, { attribute_values: values })).toEqual({ ok: false, error });
  });
});

describe('checkFieldValue', () => {
  it.each<[FieldDefinition, unknown, ReturnType<typeof checkFieldValue>]>([
    [field('text'), '  hello ', { ok: true, value: 'hello' }],
    [
      field('text'),
      'x'.repeat(MAX_TEXT + 1),
      { ok: false, error: `Tier is at most ${MAX_TEXT} characters` },
    ],
    [field('text'), 12, { ok: false, error: 'Tier takes text' }],
    [field('number'), 12.5, { ok: true, value: 12.5 }],
    [field('number'), ' -3 ', { ok: true, value: -3 }], // a modal sends text
    [field('number'), '12 seats', { ok: false, error: 'Tier takes a number' }],
    [field('number'), Number.NaN, { ok: false, error: 'Tier takes a number' }],
    [field('list', ['Gold', 'Silver']), 'gold', { ok: true, value: 'Gold' }],
    [
      field('list', ['Gold', 'Silver']),
      'Bronze',
      { ok: false, error: 'Tier is one of: Gold, Silver' },
    ],
    [field('date'), '2026-02-28', { ok: true, value: '2026-02-28' }],
    [field('date'), '2026-02-30', { ok: false, error: 'Tier takes a date as YYYY-MM-DD' }],
    [field('date'), '28/02/2026', { ok: false, error: 'Tier takes a date as YYYY-MM-DD' }],
    [field('date'), null, { ok: true, value: null }], // clears
    [field('list', ['Gold']), '', { ok: true, value: null }],
  ])('%#: %j ← %j', (definition, raw, expected) => {
    expect(checkFieldValue(definition, raw)).toEqual(expected);
  });
});
