import {
  changeCategories,
  checkCategoryValue,
  checkSeverity,
  checkTags,
  closeGate,
  MAX_TEXT_VALUE,
  missingOnClose,
  type Closer,
} from '../../../src/requests/classification.js';
import {
  answerCategories,
  classificationStamp,
  decidePick,
  NOT_AGENT,
  STALE,
} from '../../../src/requests/card-picks.js';
import { Features } from '../../../src/settings/features.js';

type Category = Features['requests']['categories'][number];

const category = (over: Partial<Category> & { category_name: string }): Category => ({
  type: 'text',
  available_values: [],
  capture_change: false,
  mandatory_on_close: false,
  autoassign_by_ai: false,
  ...over,
});

const AREA = category({
  category_name: 'Area',
  type: 'select',
  available_values: [
    { name: 'Billing', value: 'billing' },
    { name: 'Login', value: 'login' },
  ],
  capture_change: true,
  mandatory_on_close: true,
});
const CAUSE = category({ category_name: 'Root cause', mandatory_on_close: true });
const NOTE = category({ category_name: 'Note' });
const CATEGORIES = [AREA, CAUSE, NOTE];

describe('checkCategoryValue', () => {
  it.each<[Category, string, ReturnType<typeof checkCategoryValue>]>([
    [AREA, 'billing', { ok: true, value: 'billing' }],
    [AREA, 'Billing', { ok: true, value: 'billing' }], // display name → stored value
    [AREA, ' LOGIN ', { ok: true, value: 'login' }],
    [
      AREA,
      'Shipping',
      { ok: false, error: 'Area has no value "Shipping" (one of: Billing, Login)' },
    ],
    [AREA, '   ', { ok: false, error: 'Area needs a value' }],
    [CAUSE, '  expired card ', { ok: true, value: 'expired card' }],
    [CAUSE, '', { ok: false, error: 'Root cause needs a value' }],
    [
      CAUSE,
      'x'.repeat(MAX_TEXT_VALUE + 1),
      { ok: false, error: `Root cause is at most ${MAX_TEXT_VALUE} characters` },
    ],
  ])('%#: %s ← "%s"', (cat, raw, expected) => {
    expect(checkCategoryValue(cat, raw)).toEqual(expected);
  });
});

describe('changeCategories', () => {
  it('sets new values and records history only for categories that capture changes', () => {
    const result = changeCategories(CATEGORIES, [], { Area: 'Billing', Note: 'vip' });
    expect(result).toEqual({
      ok: true,
      value: {
        values: [
          { name: 'Area', value: 'billing' },
          { name: 'Note', value: 'vip' },
        ],
        history: [{ type: 'category', field: 'Area', from: null, to: 'billing' }],
      },
    });
  });

  it('records the old value on a change and nothing for an unchanged value', () => {
    const current = [
      { name: 'Area', value: 'billing' },
      { name: 'Note', value: 'vip' },
    ];
    const result = changeCategories(CATEGORIES, current, { Area: 'login', Note: 'vip' });
    expect(result).toEqual({
      ok: true,
      value: {
        values: [
          { name: 'Area', value: 'login' },
          { name: 'Note', value: 'vip' },
        ],
        history: [{ type: 'category', field: 'Area', from: 'billing', to: 'login' }],
      },
    });
    expect(current[0]).toEqual({ name: 'Area', value: 'billing' }); // input untouched
  });

  it('refuses every change when one is bad, naming it', () => {
    expect(changeCategories(CATEGORIES, [], { Note: 'fine', Area: 'Shipping' })).toEqual({
      ok: false,
      error: 'Area has no value "Shipping" (one of: Billing, Login)',
    });
    expect(changeCategories(CATEGORIES, [], { Priority: 'P1' })).toEqual({
      ok: false,
      error: 'this channel has no category "Priority"',
    });
  });
});

describe('missingOnClose and closeGate', () => {
  it.each<[{ name: string; value: string }[], string[]]>([
    [[], ['Area', 'Root cause']],
    [[{ name: 'Area', value: 'billing' }], ['Root cause']],
    [
      [
        { name: 'Area', value: 'billing' },
        { name: 'Root cause', value: 'bug' },
      ],
      [],
    ],
    [[{ name: 'Note', value: 'x' }], ['Area', 'Root cause']], // optional ones do not count
  ])('%#: values %j miss %j', (values, missing) => {
    expect(missingOnClose(CATEGORIES, values).map((c) => c.category_name)).toEqual(missing);
  });

  it.each<[Closer, Category[], ReturnType<typeof closeGate>]>([
    ['agent', [], 'close'],
    ['agent', [AREA], 'ask'], // a modal asks for Area; the close waits for it
    ['customer', [AREA], 'close_flagged'], // 👍 closes; the card says "needs category"
    ['auto', [AREA, CAUSE], 'close_flagged'],
    ['customer', [], 'close'],
  ])('%s closing with %j missing: %s', (closer, missing, gate) => {
    expect(closeGate(closer, missing)).toBe(gate);
  });
});

describe('checkTags and checkSeverity', () => {
  const { tags: noTags, severity } = Features.parse({}).requests.support;
  const tags = [
    { name: 'Billing', value: 'billing' },
    { name: 'Customer Onboarding', value: 'onboarding' },
  ];

  it.each<[string[], ReturnType<typeof checkTags>]>([
    [[], { ok: true, value: [] }],
    [['billing', 'Customer onboarding', 'BILLING'], { ok: true, value: ['billing', 'onboarding'] }],
    [
      ['billing', 'refunds'],
      { ok: false, error: 'unknown tag "refunds" (one of: Billing, Customer Onboarding)' },
    ],
  ])('%#: tags %j', (picked, expected) => {
    expect(checkTags(tags, picked)).toEqual(expected);
  });

  it('says when a channel defines no tags', () => {
    expect(checkTags(noTags, ['x'])).toEqual({
      ok: false,
      error: 'unknown tag "x" (this channel defines none)',
    });
  });

  it.each<[string | null, ReturnType<typeof checkSeverity>]>([
    ['high', { ok: true, value: 'High' }], // the default levels: High, Medium, Low
    ['Medium', { ok: true, value: 'Medium' }],
    [null, { ok: true, value: null }],
    ['  ', { ok: true, value: null }],
    ['urgent', { ok: false, error: 'unknown severity "urgent" (one of: High, Medium, Low)' }],
  ])('severity %j', (picked, expected) => {
    expect(checkSeverity(severity, picked)).toEqual(expected);
  });
});

describe('decidePick', () => {
  const allowed = {
    severity: [
      { name: 'High', value: 'high' },
      { name: 'Low', value: 'low' },
    ],
    tags: [
      { name: 'Billing', value: 'billing' },
      { name: 'Login', value: 'login' },
    ],
  };
  const request = { status: 'open', severity: 'low', tags: ['login'] };
  const stamp = classificationStamp(request);
  const facts = (over: Partial<Parameters<typeof decidePick>[0]>) => ({
    request,
    allowed,
    who: 'agent' as const,
    stamp,
    pick: { field: 'severity' as const, values: ['high'] },
    ...over,
  });

  it.each<[string, Partial<Parameters<typeof decidePick>[0]>, ReturnType<typeof decidePick>]>([
    ['an agent sets a severity', {}, { kind: 'set', field: 'severity', from: 'low', to: 'high' }],
    [
      'a severity by its name, any case',
      { pick: { field: 'severity', values: ['HIGH'] } },
      { kind: 'set', field: 'severity', from: 'low', to: 'high' },
    ],
    [
      'tags replace the list, in the order picked',
      { pick: { field: 'tags', values: ['billing', 'login'] } },
      { kind: 'set', field: 'tags', from: ['login'], to: ['billing', 'login'] },
    ],
    [
      'no tags clears them',
      { pick: { field: 'tags', values: [] } },
      { kind: 'set', field: 'tags', from: ['login'], to: [] },
    ],
    [
      'the same severity again',
      { pick: { field: 'severity', values: ['low'] } },
      { kind: 'unchanged' },
    ],
    ['a customer', { who: 'customer' }, { kind: 'refuse', text: NOT_AGENT }],
    ['a card drawn before a change', { stamp: 'old' }, { kind: 'refuse', text: STALE }],
    [
      'a discarded request',
      { request: { ...request, status: 'discarded' } },
      { kind: 'refuse', text: STALE },
    ],
    [
      'a severity the channel does not offer',
      { pick: { field: 'severity', values: ['urgent'] } },
      {
        kind: 'refuse',
        text: ':warning: Not saved: unknown severity "urgent" (one of: High, Low). Nothing was changed.',
      },
    ],
    [
      'a tag the channel does not offer',
      { pick: { field: 'tags', values: ['billing', 'sso'] } },
      {
        kind: 'refuse',
        text: ':warning: Not saved: unknown tag "sso" (one of: Billing, Login). Nothing was changed.',
      },
    ],
  ])('%s', (_name, over, expected) => {
    expect(decidePick(facts(over))).toEqual(expected);
  });

  it('stamps differ when severity or tags differ', () => {
    expect(classificationStamp({ severity: 'high', tags: ['login'] })).not.toBe(stamp);
    expect(classificationStamp({ severity: 'low', tags: [] })).not.toBe(stamp);
    expect(classificationStamp({ severity: 'low', tags: ['login'] })).toBe(stamp);
  });
});

describe('answerCategories', () => {
  it('names every bad field under itself and changes nothing', () => {
    expect(answerCategories(CATEGORIES, [], { Area: 'shipping', 'Root cause': ' ' })).toEqual({
      ok: false,
      errors: {
        Area: 'Area has no value "shipping" (one of: Billing, Login)',
        'Root cause': 'Root cause needs a value',
      },
    });
  });

  it('applies good answers as one change, and says when nothing changed', () => {
    const current = [{ name: 'Area', value: 'login' }];
    expect(answerCategories(CATEGORIES, current, { Area: 'Billing', Note: 'VIP' })).toEqual({
      ok: true,
      changed: true,
      change: {
        values: [
          { name: 'Area', value: 'billing' },
          { name: 'Note', value: 'VIP' },
        ],
        history: [{ type: 'category', field: 'Area', from: 'login', to: 'billing' }],
      },
    });
    expect(answerCategories(CATEGORIES, current, { Area: 'login' })).toMatchObject({
      ok: true,
      changed: false,
    });
  });
});

describe('decidePick of a category', () => {
  const request = { status: 'open', severity: null, tags: [], categories: [] };
  const base = {
    request,
    allowed: { severity: [], tags: [], categories: CATEGORIES },
    who: 'agent' as const,
    stamp: classificationStamp(request),
  };

  it('sets a select category by value, with the history its capture_change asks for', () => {
    expect(
      decidePick({ ...base, pick: { field: 'category', name: 'Area', values: ['login'] } }),
    ).toEqual({
      kind: 'set',
      field: 'category',
      from: [],
      to: {
        values: [{ name: 'Area', value: 'login' }],
        history: [{ type: 'category', field: 'Area', from: null, to: 'login' }],
      },
    });
  });

  it('refuses a category the channel does not define', () => {
    expect(
      decidePick({ ...base, pick: { field: 'category', name: 'Team', values: ['x'] } }),
    ).toEqual({
      kind: 'refuse',
      text: ':warning: Not saved: this channel has no category "Team". Nothing was changed.',
    });
  });
});
