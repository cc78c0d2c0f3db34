import { randomBytes } from 'node:crypto';
import { settingsCatalog } from '../../../src/settings/catalog.js';
import {
  SecretError,
  redactSecrets,
  revealSecret,
  sealSecret,
  secretName,
} from '../../../src/settings/secrets.js';

const KEY = randomBytes(32);
const DOMAINS = 'emailToSlack.domains';

describe('secrets in the features schema', () => {
  it('are listed from the schema: the SMTP password of every e-mail domain', () => {
    const names = [...settingsCatalog().secrets].flatMap(([key, paths]) =>
      paths.map((path) => secretName(key, path)),
    );
    expect(names).toEqual(['emailToSlack.domains[].smtp_password']);
  });

  it('show as {"set": true} when set and stay null when not', () => {
    const paths = settingsCatalog().secrets.get(DOMAINS) ?? [];
    const stored = [
      { name: 'a.example.com', smtp_password: sealSecret('hunter2', KEY), smtp_login: 'a' },
      { name: 'b.example.com', smtp_password: null, smtp_login: 'b' },
    ];
    expect(redactSecrets(stored, paths)).toEqual([
      { name: 'a.example.com', smtp_password: { set: true }, smtp_login: 'a' },
      { name: 'b.example.com', smtp_password: null, smtp_login: 'b' },
    ]);
    // The stored value itself is left alone.
    expect(stored[0]?.smtp_password).toHaveProperty('enc');
  });
});

describe('sealSecret and revealSecret', () => {
  it('round-trips a secret, with a fresh IV each time', () => {
    const first = sealSecret('pä$$wörd', KEY);
    const second = sealSecret('pä$$wörd', KEY);
    expect(first.enc).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(first.enc).not.toContain('pä$$wörd');
    expect(first.enc).not.toBe(second.enc);
    expect(revealSecret(first, KEY)).toBe('pä$$wörd');
    expect(revealSecret(second, KEY)).toBe('pä$$wörd');
  });

  it('fails clearly with the wrong key', () => {
    const sealed = sealSecret('hunter2', KEY);
    expect(() => revealSecret(sealed, randomBytes(32))).toThrow(SecretError);
    expect(() => revealSecret(sealed, randomBytes(32))).toThrow(/SETTINGS_ENCRYPTION_KEY/);
  });

  it('fails without a key, naming the variable', () => {
    expect(() => revealSecret(sealSecret('hunter2', KEY), undefined)).toThrow(
      /SETTINGS_ENCRYPTION_KEY is not set/,
    );
  });

  it.each<[string, number, (part: string) => string]>([
    ['the ciphertext', 3, flip],
    ['the tag', 2, flip],
    ['the IV', 1, flip],
    ['the tag (shortened)', 2, (tag) => tag.slice(0, 6)],
  ])('refuses a secret when %s is altered', (_, index, alter) => {
    const parts = sealSecret('hunter2', KEY).enc.split(':');
    parts[index] = alter(parts[index] ?? '');
    expect(() => revealSecret({ enc: parts.join(':') }, KEY)).toThrow(/altered/);
  });

  it.each([['hunter2'], [null], [{ enc: 'v2:a:b:c' }], [{ enc: 'v1:abc' }]])(
    'refuses %j, which is not a sealed secret',
    (stored) => {
      expect(() => revealSecret(stored, KEY)).toThrow(SecretError);
    },
  );
});

/** The same base64url text with its first character changed. */
function flip(part: string): string {
  return (part.startsWith('A') ? 'B' : 'A') + part.slice(1);
}
