import fc from 'fast-check';
import type { z } from 'zod';
import { keysUnder, normalizeKey, settingsCatalog } from '../../src/settings/catalog.js';

/**
 * fast-check arbitraries for request bodies the HTTP API must refuse. Each arbitrary yields the
 * raw text sent on the wire; objects are built with own properties (`Object.defineProperty`), so a
 * key such as `__proto__` is a real key of the JSON text, exactly as `JSON.parse` on the server
 * sees it, not a prototype change on the client.
 */

const catalog = settingsCatalog();
export const LEAVES = [...catalog.leaves.keys()];
/** Every group on the way to a leaf (`requests`, `requests.config`, …). */
export const GROUPS = [
  ...new Set(
    LEAVES.flatMap((leaf) => {
      const parts = leaf.split('.');
      return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
    }),
  ),
];
const TOP_GROUPS = new Set(GROUPS.filter((group) => !group.includes('.')));

/** A plain object whose keys are own properties, whatever they are called. */
export function own(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** `{a: {b: {c: value}}}` for the path `a.b.c`. */
export const nestPath = (path: readonly string[], value: unknown): unknown =>
  path.reduceRight<unknown>((inner, part) => own([[part, inner]]), value);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Key names that mean something to MongoDB, to JavaScript objects or to the settings paths. */
export const injectionKeys = [
  '$where',
  '$gt',
  '$ne',
  '$set',
  '$expr',
  '$',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a.b',
  'requests.config.send_feedback',
  'features',
  '',
  'x\u0000y',
];
export const injectionKey = fc.constantFrom(...injectionKeys);

/** Values shaped like operator or prototype injections. */
export const injectionValues: unknown[] = [
  own([['$gt', '']]),
  own([['$ne', null]]),
  own([['$where', 'sleep(1000) || true']]),
  own([['$regex', '.*']]),
  own([['__proto__', own([['polluted', 'yes']])]]),
  own([['constructor', own([['prototype', own([['polluted', 'yes']])]])]]),
  '{"$gt": ""}',
  "'; db.dropDatabase(); //",
  '$where',
  '__proto__',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
];
export const injectionValue: fc.Arbitrary<unknown> = fc.constantFrom(...injectionValues);

/** A string far past every length limit in the API (4,000 characters is the longest). */
export const hugeString = fc
  .tuple(fc.integer({ min: 4_001, max: 120_000 }), fc.constantFrom('x', 'é', '😀', '\u0000', '$'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: injectionKey },
  { weight: 1, arbitrary: fc.constantFrom(...GROUPS, ...LEAVES) },
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.boolean(), fc.integer(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: injectionValue },
  { weight: 1, arbitrary: hugeString },
);

/** Any JSON value, with injection-shaped keys and values mixed in. */
export const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(own),
  ),
})).value;

/** A value buried 10 to 50 levels deep in objects and arrays. */
export const deep: fc.Arbitrary<unknown> = fc
  .tuple(fc.array(fc.oneof(key, fc.constant(null)), { minLength: 10, maxLength: 50 }), leaf)
  .map(([path, inner]) =>
    path.reduceRight<unknown>(
      (value, part) => (part === null ? [value] : own([[part, value]])),
      inner,
    ),
  );

const anyValue = fc.oneof(json, deep, injectionValue, hugeString);

/** JSON text that does not parse, or parses to something other than an object or array. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !parses(text)),
  fc
    .tuple(json, fc.nat())
    .map(([value, cut]) => {
      const text = JSON.stringify({ update: value });
      return text.slice(0, cut % text.length);
    })
    .filter((text) => !parses(text)),
  fc.constantFrom(
    '{"update": NaN}',
    "{'update': {}}",
    '{"update": {},}',
    '{"update": {}} trailing',
    '{"update": {/* comment */}}',
    '{"update": undefined}',
    '{"reset": [1,]}',
    '\u0000',
  ),
);
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON values that are not objects: Express parses arrays, refuses the rest as malformed. */
export const notAnObject: fc.Arbitrary<string> = fc
  .oneof(json, deep)
  .filter((value) => !isPlainObject(value))
  .map((value) => JSON.stringify(value) ?? 'null');

/** Keys a body object does not have. */
export const unknownKey = (known: readonly string[]) =>
  fc.oneof(injectionKey, fc.string({ maxLength: 12 })).filter((name) => !known.includes(name));

/** A body with at least one key its schema does not know, maybe beside valid ones. */
export function withUnknownKey(known: readonly string[], valid: Record<string, unknown>) {
  return fc
    .tuple(
      fc.array(fc.tuple(unknownKey(known), anyValue), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([extra, keepValid]) =>
      JSON.stringify(own([...(keepValid ? Object.entries(valid) : []), ...extra])),
    );
}

// --- settings writes ---------------------------------------------------------------------------

const wrapsValidly = (schema: z.ZodType, value: unknown) =>
  isPlainObject(value) &&
  Object.keys(value).length === 1 &&
  'value' in value &&
  (value.value === null || schema.safeParse(value.value).success);

/** `update` entries that name no setting: at the top, or under a real group. */
const unknownSettingPath = fc.oneof(
  unknownKey([...TOP_GROUPS, 'features']).map((name) => [name]),
  fc
    .tuple(fc.constantFrom(...GROUPS), fc.oneof(injectionKey, fc.string({ maxLength: 12 })))
    .filter(([group, name]) => {
      const path = `${group}.${name}`;
      return !name.includes('.') && !catalog.leaves.has(path) && !GROUPS.includes(path);
    })
    .map(([group, name]) => [...group.split('.'), name]),
);

/** A real setting with a value its schema refuses (seed 001's `{value}` wrapper included). */
const wrongValue = fc.constantFrom(...LEAVES).chain((leafKey) => {
  const schema = catalog.leaves.get(leafKey) as z.ZodType;
  const value = fc
    .oneof(
      anyValue,
      anyValue.map((inner) => own([['value', inner]])),
    )
    .filter(
      (candidate) => !schema.safeParse(candidate).success && !wrapsValidly(schema, candidate),
    );
  return fc.tuple(fc.constant(leafKey.split('.')), value);
});

const VALID_UPDATE = { requests: { config: { send_feedback: true } } };

const badUpdateObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(unknownSettingPath, anyValue).map(([path, value]) => nestPath(path, value)),
  wrongValue.map(([path, value]) => nestPath(path, value)),
);

/** An `update` that is not a record, or names an unknown or wrongly typed setting. */
export const badUpdate: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .oneof(json, deep, injectionValue)
      .filter((value) => !isPlainObject(value))
      .map((update) => ({ update })),
    fc
      .tuple(badUpdateObject, fc.constantFrom('alone', 'beside a valid change', 'wrapped'))
      .map(([update, how]) => {
        const entries = ownEntries(update as Record<string, unknown>);
        if (how === 'wrapped') return { update: own([['features', update]]) };
        // Beside a valid change: the request is all or nothing.
        if (how === 'beside a valid change' && !entries.some(([name]) => name === 'requests')) {
          return { update: own([...Object.entries(VALID_UPDATE), ...entries]) };
        }
        return { update };
      }),
  )
  .map((body) => JSON.stringify(body));

function ownEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.getOwnPropertyNames(value).map((name) => [name, value[name]]);
}

/** A key-list field (`reset`, `lock`, `unlock`) that is not a list of known setting keys. */
export const badKeyList = (fields: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...fields),
      fc.oneof(
        fc.oneof(json, deep, injectionValue).filter((value) => !Array.isArray(value)),
        fc
          .tuple(
            fc.array(fc.constantFrom(...LEAVES, ...GROUPS), { maxLength: 3 }),
            fc.oneof(
              fc
                .oneof(fc.string({ unit: 'binary', maxLength: 40 }), injectionKey, injectionValue)
                .filter(
                  (entry) =>
                    typeof entry !== 'string' ||
                    entry.length === 0 ||
                    keysUnder(catalog, normalizeKey(entry)).length === 0,
                ),
              hugeString.map((text) => text.slice(0, 301 + (text.length % 1000))),
              fc.oneof(json, injectionValue).filter((value) => typeof value !== 'string'),
            ),
          )
          .map(([valid, bad]) => [...valid, bad]),
        fc.constant(Array.from({ length: 501 }, () => LEAVES[0])),
      ),
    )
    .map(([field, value]) => JSON.stringify(own([[field, value]])));

/** The same key updated and reset, or locked and unlocked: contradictory, so refused. */
export const contradiction = (withLocks: boolean) =>
  fc
    .constantFrom(...LEAVES.filter((leafKey) => leafKey.startsWith('requests.config.')))
    .chain((leafKey) => {
      const schema = catalog.leaves.get(leafKey) as z.ZodType;
      const value = schema.parse(undefined);
      const both = [
        JSON.stringify({ update: nestPath(leafKey.split('.'), value), reset: [leafKey] }),
      ];
      if (withLocks)
        both.push(JSON.stringify({ lock: [leafKey], unlock: [`features.${leafKey}`] }));
      return fc.constantFrom(...both);
    });
