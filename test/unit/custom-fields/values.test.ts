import {
  answerFields,
  applicableFields,
  shownValue,
  valuesStamp,
  type FieldValue,
  type StoredDefinition,
} from '../../../src/custom-fields/values.js';

const PLAN: StoredDefinition = {
  id: 'a'.repeat(24),
  key: 'plan',
  name: 'Plan',
  type: 'list',
  values: ['Enterprise', 'Team'],
};
const SEATS: StoredDefinition = {
  id: 'b'.repeat(24),
  key: 'seats',
  name: 'Seats',
  type: 'number',
  values: [],
};
const RENEWAL: StoredDefinition = {
  id: 'c'.repeat(24),
  key: 'renewal',
  name: 'Renewal',
  type: 'date',
  values: [],
};
const NOTE: StoredDefinition = {
  id: 'd'.repeat(24),
  key: 'note',
  name: 'Note',
  type: 'text',
  values: [],
};
const DEFINED = [PLAN, SEATS, RENEWAL, NOTE];
const pick = (...ids: string[]) => ids.map((id) => ({ custom_field_id: id }));

describe('applicableFields', () => {
  it.each<[string, { custom_field_id: string }[], string[]]>([
    ['none picked', [], []],
    ['in the channel’s order', pick(RENEWAL.id, PLAN.id), ['renewal', 'plan']],
    ['a deleted definition’s id is passed over', pick('f'.repeat(24), SEATS.id), ['seats']],
    ['a name instead of an id matches nothing', pick('Plan', 'plan'), []],
    ['an id picked twice counts once', pick(NOTE.id, NOTE.id), ['note']],
  ])('%s', (_case, picked, keys) => {
    expect(applicableFields(picked, DEFINED).map((f) => f.key)).toEqual(keys);
  });
});

describe('answerFields', () => {
  const held: FieldValue[] = [
    { key: 'plan', value: 'Team' },
    { key: 'seats', value: 10 },
  ];

  it.each<
    [string, Record<string, unknown>, FieldValue[], [string, string | null, string | null][]]
  >([
    [
      'sets and changes values, in the fields’ order, recording only what changed',
      { note: 'VIP', seats: '12', plan: 'Team' },
      [
        { key: 'plan', value: 'Team' },
        { key: 'seats', value: 12 },
        { key: 'note', value: 'VIP' },
      ],
      [
        ['seats', '10', '12'],
        ['note', null, 'VIP'],
      ],
    ],
    [
      'an empty answer or null clears a value; an unanswered key keeps it',
      { plan: '', renewal: null },
      [{ key: 'seats', value: 10 }],
      [['plan', 'Team', null]],
    ],
    [
      'a list option in another case is stored as the list spells it',
      { plan: 'enterprise', renewal: '2026-12-01' },
      [
        { key: 'plan', value: 'Enterprise' },
        { key: 'seats', value: 10 },
        { key: 'renewal', value: '2026-12-01' },
      ],
      [
        ['plan', 'Team', 'Enterprise'],
        ['renewal', null, '2026-12-01'],
      ],
    ],
    ['the same values change nothing', { plan: 'Team', seats: 10 }, held, []],
  ])('%s', (_case, answers, values, changes) => {
    const answered = answerFields(DEFINED, held, answers);
    expect(answered).toEqual({
      ok: true,
      values,
      changes: changes.map(([field, from, to]) => ({ field, from, to })),
    });
  });

  it('keeps a value the list no longer offers when it is sent back unchanged', () => {
    const old: FieldValue[] = [{ key: 'plan', value: 'Legacy' }];
    expect(answerFields([PLAN], old, { plan: 'Legacy' })).toEqual({
      ok: true,
      values: old,
      changes: [],
    });
    expect(answerFields([PLAN], old, { plan: 'Gold' })).toMatchObject({ ok: false });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a bad number', { seats: 'twelve' }, { seats: 'Seats takes a number' }],
    ['an option the list lacks', { plan: 'Gold' }, { plan: 'Plan is one of: Enterprise, Team' }],
    [
      'a date that does not exist',
      { renewal: '2026-02-30' },
      { renewal: 'Renewal takes a date as YYYY-MM-DD' },
    ],
    [
      'a key no field of the channel has, next to a good one',
      { region: 'EU', note: 'ok' },
      { region: 'no field "region" applies to this request\'s channel' },
    ],
    ['a key such as __proto__', JSON.parse('{"__proto__":"x"}'), { __proto__: 'x' }],
  ])('refuses %s, naming each key, and changes nothing', (_case, answers, errors) => {
    const answered = answerFields([PLAN, SEATS, RENEWAL, NOTE], held, answers);
    expect(answered.ok).toBe(false);
    if (_case.includes('__proto__')) {
      expect(Object.keys((answered as { errors: object }).errors)).toEqual(['__proto__']);
    } else expect(answered).toEqual({ ok: false, errors });
  });
});

describe('shownValue and valuesStamp', () => {
  it.each<[StoredDefinition, string | number, string]>([
    [RENEWAL, '2026-12-01', '1 Dec 2026'],
    [RENEWAL, '2027-01-31', '31 Jan 2027'],
    [SEATS, 12.5, '12.5'],
    [PLAN, 'Enterprise', 'Enterprise'],
  ])('%j %j → %j', (field, value, shown) => {
    expect(shownValue(field, value)).toBe(shown);
  });

  it('changes when a value changes, not when the same values are read again', () => {
    const a = valuesStamp([{ key: 'seats', value: 10 }]);
    expect(valuesStamp([{ key: 'seats', value: 10 }])).toBe(a);
    expect(valuesStamp([{ key: 'seats', value: 11 }])).not.toBe(a);
    expect(valuesStamp([{ key: 'seats', value: '10' }])).not.toBe(a);
  });
});
