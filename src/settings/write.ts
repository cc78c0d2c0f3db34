import { z } from 'zod';
import { AppError, validationError, type ErrorDetail } from '../errors.js';
import { keysUnder, normalizeKey, type Catalog } from './catalog.js';
import { flattenChecked, isPlainObject } from './flatten.js';
import { lockAbove, type Level, type LevelKind, type LevelSettings } from './levels.js';
import { sealWrite } from './secrets.js';

const KeyList = z
  .array(z.string().min(1).max(300))
  .max(500)
  .meta({ description: 'Flattened keys, e.g. features.requests.config.send_feedback' });
// Not z.record: rebuilding the object by assignment drops an own `__proto__` key (from
// JSON.parse) before anything could refuse it. The OpenAPI document can only say "an object":
// the partial features tree is checked leaf by leaf against the catalog in `collectUpdates`.
const Update = z
  .custom<Record<string, unknown>>(isPlainObject, { message: 'Expected an object of settings' })
  .meta({
    type: 'object',
    additionalProperties: {},
    description: 'Partial nested features; arrays replace',
  });

const writeFields = {
  update: Update.optional(),
  reset: KeyList.optional(),
  lock: KeyList.optional().meta({ description: 'Keys locked for the levels below' }),
  unlock: KeyList.optional(),
};

/**
 * Seed 000's write body: `update` (a partial nested `features` object, arrays replace) and `reset`
 * (flattened keys, with or without the `features.` prefix). Workspace and account writes also
 * take `lock` and `unlock` (seed 001). The one schema of the body: `planWrite` parses with it and
 * the OpenAPI document publishes it (`minProperties` says what the refinement checks).
 */
export const SettingsWrite = z
  .strictObject(writeFields)
  .refine((body) => body.update || body.reset || body.lock || body.unlock, {
    message: 'nothing to do: give update, reset, lock or unlock',
  })
  .meta({ id: 'SettingsWrite', minProperties: 1 });
export type SettingsWrite = z.infer<typeof SettingsWrite>;

/** Channels are the lowest level: there is nobody below to lock anything for. */
export const ChannelSettingsWrite = z
  .strictObject({ update: writeFields.update, reset: writeFields.reset })
  .refine((body) => body.update || body.reset, { message: 'nothing to do: give update or reset' })
  .meta({ id: 'ChannelSettingsWrite', minProperties: 1 });

export interface WritePlan {
  next: LevelSettings;
  /** Keys the write touched (updated, reset, locked or unlocked), whether or not they changed. */
  changed: string[];
}

/**
 * Validates a whole write against the catalog and the locks above the level, and returns the
 * level's new settings. Throws a 422 AppError listing every invalid part, or a 403 naming each
 * locked key; nothing is partially applied because nothing is applied here at all.
 */
export function planWrite(
  catalog: Catalog,
  target: {
    level: LevelKind;
    current: LevelSettings;
    above: readonly Level[];
    /** `SETTINGS_ENCRYPTION_KEY`; without it a write that sets a secret is refused. */
    secretKey?: Uint8Array;
  },
  rawBody: unknown,
): WritePlan {
  const schema = target.level === 'channel' ? ChannelSettingsWrite : SettingsWrite;
  const parsed = schema.safeParse(rawBody);
  if (!parsed.success) throw validationError(zodDetail(parsed.error, ['body']));
  const body = parsed.data as SettingsWrite;

  const invalid: ErrorDetail[] = [];
  const updates = collectUpdates(catalog, body.update ?? {}, invalid);
  for (const [key, paths] of catalog.secrets) {
    if (!Object.hasOwn(updates.values, key)) continue;
    const sealed = sealWrite(
      updates.values[key],
      paths,
      storedValue(target, key),
      target.secretKey,
      [...updates.at, ...key.split('.')],
    );
    updates.values[key] = sealed.value;
    invalid.push(...sealed.invalid);
  }
  const resets = new Set<string>(updates.resets);
  const keyLists = { reset: body.reset, lock: body.lock, unlock: body.unlock };
  const expanded: Record<keyof typeof keyLists, string[]> = { reset: [], lock: [], unlock: [] };
  for (const [field, keys] of Object.entries(keyLists) as [keyof typeof keyLists, string[]?][]) {
    (keys ?? []).forEach((raw, index) => {
      const leaves = keysUnder(catalog, normalizeKey(raw));
      if (leaves.length === 0) {
        invalid.push({
          loc: ['body', field, index],
          msg: `unknown setting "${raw}"`,
          type: 'unknown_setting',
        });
      }
      expanded[field].push(...leaves);
    });
  }
  expanded.reset.forEach((key) => resets.add(key));
  for (const key of resets) {
    if (Object.hasOwn(updates.values, key)) {
      invalid.push({
        loc: ['body', 'reset'],
        msg: `"${key}" is both updated and reset`,
        type: 'conflict',
      });
    }
  }
  for (const key of expanded.lock) {
    if (expanded.unlock.includes(key)) {
      invalid.push({
        loc: ['body', 'lock'],
        msg: `"${key}" is both locked and unlocked`,
        type: 'conflict',
      });
    }
  }
  if (invalid.length > 0) throw validationError(invalid);

  const sources: [string, string[]][] = [
    ['update', [...Object.keys(updates.values), ...updates.resets]],
    ['reset', expanded.reset],
    ['lock', expanded.lock],
    ['unlock', expanded.unlock],
  ];
  const touched = sources.flatMap(([, keys]) => keys);
  const locked = sources.flatMap(([field, keys]) =>
    [...new Set(keys)].flatMap((key) => {
      const by = lockAbove(target.above, key);
      if (!by) return [];
      const where = `${by.level} ${by.name ?? by.id}`;
      return [
        {
          loc: ['body', field, key],
          msg: `"${key}" is locked at ${where}`,
          type: 'setting_locked',
        },
      ];
    }),
  );
  if (locked.length > 0) {
    throw new AppError('setting_locked', locked.map((d) => d.msg).join('; '), locked);
  }

  const overrides = { ...target.current.overrides, ...updates.values };
  for (const key of resets) delete overrides[key];
  const locks = new Set(target.current.locks);
  expanded.lock.forEach((key) => locks.add(key));
  expanded.unlock.forEach((key) => locks.delete(key));
  return {
    next: { overrides, locks: [...locks].sort() },
    changed: [...new Set(touched)].sort(),
  };
}

/**
 * Flattens `update`, validating every leaf. Seed 001's `{value: x}` means x and `{value: null}`
 * a reset, unless the leaf itself takes that object (a record with a field named `value`).
 */
function collectUpdates(catalog: Catalog, update: Record<string, unknown>, invalid: ErrorDetail[]) {
  const wrapped = Object.keys(update).length === 1 && isPlainObject(update.features);
  const nested = wrapped ? (update.features as Record<string, unknown>) : update;
  const at = ['body', 'update', ...(wrapped ? ['features'] : [])];
  const { flat, unknown } = flattenChecked(nested, catalog.leaves);
  for (const path of unknown) {
    const key = path.join('.');
    const dotted = path.some((part) => part.includes('.'));
    const isGroup = !dotted && keysUnder(catalog, key).length > 0;
    invalid.push({
      loc: [...at, ...path],
      msg: dotted
        ? `"${path.at(-1)}": nest objects in update; dotted keys are for reset, lock and unlock`
        : isGroup
          ? `"${key}" is a group of settings: give an object`
          : `unknown setting "${key}"`,
      type: isGroup ? 'object_expected' : 'unrecognized_keys',
    });
  }
  const values: Record<string, unknown> = {};
  const resets: string[] = [];
  for (const [key, raw] of Object.entries(flat)) {
    const schema = catalog.leaves.get(key) as z.ZodType;
    const asIs = schema.safeParse(raw);
    const isWrapper = isPlainObject(raw) && Object.keys(raw).length === 1 && 'value' in raw;
    if (isWrapper && !asIs.success && raw.value === null) {
      resets.push(key);
      continue;
    }
    const result = isWrapper && !asIs.success ? schema.safeParse(raw.value) : asIs;
    if (result.success) values[key] = result.data;
    else invalid.push(...zodDetail(result.error, [...at, ...key.split('.')]));
  }
  return { values, resets, at };
}

/** What `key` holds at the target level before the write: its own value, else the inherited one. */
function storedValue(target: { current: LevelSettings; above: readonly Level[] }, key: string) {
  const holders = [...target.above.map((level) => level.settings), target.current];
  const holder = holders.reverse().find((settings) => Object.hasOwn(settings.overrides, key));
  return holder?.overrides[key];
}

/** zod issues as `{loc, msg, type}` entries under a location prefix. */
export function zodDetail(error: z.ZodError, prefix: (string | number)[]): ErrorDetail[] {
  return error.issues.map((issue) => ({
    loc: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
}
