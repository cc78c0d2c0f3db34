import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';
import { isPlainObject } from './flatten.js';
import { unwrapSchema } from './key-paths.js';
import { SecretIsSet, isSecretSchema } from './primitives.js';

/**
 * Where secrets sit inside one setting's value: `[]` when the setting itself is a secret,
 * `['*', 'smtp_password']` for the `smtp_password` of every element of an array setting.
 */
export type SecretPath = readonly string[];

/** Each catalog key whose value holds secrets, with where they sit in it; derived from the schema. */
export function secretPaths(leaves: ReadonlyMap<string, z.ZodType>): Map<string, SecretPath[]> {
  const found = new Map<string, SecretPath[]>();
  for (const [key, schema] of leaves) {
    const paths: SecretPath[] = [];
    collect(schema, [], new Set(), paths);
    if (paths.length > 0) found.set(key, paths);
  }
  return found;
}

function collect(schema: z.ZodType, path: string[], seen: Set<z.ZodType>, out: SecretPath[]) {
  if (isSecretSchema(schema)) {
    out.push(path);
    return;
  }
  const inner = unwrapSchema(schema);
  if (seen.has(inner)) return;
  seen.add(inner);
  if (inner instanceof z.ZodObject) {
    for (const [name, child] of Object.entries(inner.shape)) {
      collect(child as z.ZodType, [...path, name], seen, out);
    }
  } else if (inner instanceof z.ZodArray) {
    collect(inner.element as z.ZodType, [...path, '*'], seen, out);
  }
  seen.delete(inner);
}

/** A secret's name for people: `emailToSlack.domains[].smtp_password`. */
export function secretName(key: string, path: SecretPath): string {
  return key + path.map((part) => (part === '*' ? '[]' : `.${part}`)).join('');
}

/**
 * Calls `visit` at each secret position of `value` (`at` is its location, array indexes
 * included) and returns a copy with what `visit` returned there. `previous` is the value the
 * level held before; array elements are paired with the previous element of the same `name`
 * (else the same index), so `visit` sees what was stored for the same item.
 */
export function mapSecrets(
  value: unknown,
  paths: readonly SecretPath[],
  visit: (secret: unknown, previous: unknown, at: (string | number)[]) => unknown,
  previous?: unknown,
): unknown {
  return paths.reduce<unknown>((current, path) => walk(current, previous, path, [], visit), value);
}

function walk(
  value: unknown,
  previous: unknown,
  path: SecretPath,
  at: (string | number)[],
  visit: (secret: unknown, previous: unknown, at: (string | number)[]) => unknown,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return visit(value, previous, at);
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    return value.map((item, index) =>
      walk(item, counterpart(previous, item, index), rest, [...at, index], visit),
    );
  }
  if (!isPlainObject(value) || !Object.hasOwn(value, head)) return value;
  const before = isPlainObject(previous) ? previous[head] : undefined;
  return { ...value, [head]: walk(value[head], before, rest, [...at, head], visit) };
}

function counterpart(previous: unknown, item: unknown, index: number): unknown {
  if (!Array.isArray(previous)) return undefined;
  const name = isPlainObject(item) ? item.name : undefined;
  if (typeof name !== 'string') return previous[index];
  return previous.find((old) => isPlainObject(old) && old.name === name);
}

/** What a set secret shows as; unset (null) stays null. */
export function redactSecrets(value: unknown, paths: readonly SecretPath[]): unknown {
  return mapSecrets(value, paths, (secret): unknown =>
    secret === null || secret === undefined ? secret : ({ set: true } satisfies SecretIsSet),
  );
}

/** Resolved settings as they may be shown: every set secret as `{"set": true}`. */
export function redactResolved<T extends { value: unknown }>(
  catalog: { secrets: ReadonlyMap<string, readonly SecretPath[]> },
  resolved: Record<string, T>,
): Record<string, T> {
  const shown = { ...resolved };
  for (const [key, paths] of catalog.secrets) {
    const entry = shown[key];
    if (entry) shown[key] = { ...entry, value: redactSecrets(entry.value, paths) };
  }
  return shown;
}

/** A stored secret: AES-256-GCM, `v1:<iv>:<tag>:<ciphertext>`, each part base64url. */
export const SealedSecret = z.strictObject({ enc: z.string().startsWith('v1:') });
export type SealedSecret = z.infer<typeof SealedSecret>;

/** A stored secret that cannot be read: no key, the wrong key, or tampered data. */
export class SecretError extends Error {
  override name = 'SecretError';
}

const ALGORITHM = 'aes-256-gcm';

/** Encrypts a secret for storage with a fresh random IV. */
export function sealSecret(plaintext: string, key: Uint8Array): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return { enc: `v1:${parts.join(':')}` };
}

/**
 * The plaintext of a stored secret (for the code that uses it, e.g. to log in to SMTP). Throws a
 * {@link SecretError} saying why when there is no key, the key is not the one it was sealed
 * with, or the stored value was altered.
 */
export function revealSecret(stored: unknown, key: Uint8Array | undefined): string {
  if (!key) throw new SecretError('SETTINGS_ENCRYPTION_KEY is not set: cannot read a secret');
  const sealed = SealedSecret.safeParse(stored);
  const parts = sealed.success ? sealed.data.enc.split(':') : [];
  if (parts.length !== 4) throw new SecretError('not an encrypted secret (expected v1:…)');
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv as Buffer, { authTagLength: 16 });
    decipher.setAuthTag(tag as Buffer);
    return Buffer.concat([decipher.update(ciphertext as Buffer), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretError(
      'cannot decrypt a stored secret: SETTINGS_ENCRYPTION_KEY is not the key it was stored ' +
        'with, or the stored value was altered',
    );
  }
}

/**
 * A written setting's value as it is stored: each secret given as text sealed with `key`,
 * `{"set": true}` replaced by the secret stored before for the same item, `null` left as is.
 * Problems (text but no key; `{"set": true}` with nothing stored) are returned under `at`.
 */
export function sealWrite(
  value: unknown,
  paths: readonly SecretPath[],
  previous: unknown,
  key: Uint8Array | undefined,
  at: (string | number)[],
): { value: unknown; invalid: ErrorDetail[] } {
  const invalid: ErrorDetail[] = [];
  const sealed = mapSecrets(
    value,
    paths,
    (secret, before, where) => {
      if (typeof secret === 'string') {
        if (key) return sealSecret(secret, key);
        invalid.push({
          loc: [...at, ...where],
          msg: 'a secret cannot be stored: the server has no SETTINGS_ENCRYPTION_KEY',
          type: 'encryption_key_missing',
        });
      } else if (SecretIsSet.safeParse(secret).success) {
        if (before !== null && before !== undefined) return before;
        invalid.push({
          loc: [...at, ...where],
          msg: '{"set": true} keeps the stored secret, but none is stored here: give the secret',
          type: 'secret_not_set',
        });
      }
      return secret;
    },
    previous,
  );
  return { value: sealed, invalid };
}
