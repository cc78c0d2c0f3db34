import { randomBytes } from 'node:crypto';
import type { Level, LevelSettings } from '../../../src/settings/levels.js';
import { revealSecret, sealSecret } from '../../../src/settings/secrets.js';
import { planWrite } from '../../../src/settings/write.js';
import { catalog, rejection, settings, workspace } from './fixtures.js';

const KEY = randomBytes(32);
const DOMAINS = 'emailToSlack.domains';
const domain = (name: string, smtp_password: unknown) => ({ name, smtp_password });
const write = (...domains: object[]) => ({ update: { emailToSlack: { domains } } });

function plan(
  body: unknown,
  current: LevelSettings = settings(),
  above: Level[] = [],
  secretKey: Uint8Array | null = KEY,
) {
  const target = { level: 'account', current, above, secretKey: secretKey ?? undefined } as const;
  return planWrite(catalog, target, body);
}

/** The stored domains of a plan, as `[name, stored smtp_password]`. */
function passwords(next: LevelSettings): [string, unknown][] {
  const stored = next.overrides[DOMAINS] as { name: string; smtp_password: unknown }[];
  return stored.map((d) => [d.name, d.smtp_password]);
}

describe('planWrite with secrets', () => {
  it('stores a secret given as text encrypted, never as text', () => {
    const { next } = plan(write(domain('mail.acme.com', 'hunter2')));
    const [[, stored]] = passwords(next) as [[string, { enc: string }]];
    expect(JSON.stringify(next)).not.toContain('hunter2');
    expect(stored.enc).toMatch(/^v1:/);
    expect(revealSecret(stored, KEY)).toBe('hunter2');
  });

  it('keeps the stored secret when {"set": true} is written back, matching domains by name', () => {
    const a = sealSecret('alpha', KEY);
    const b = sealSecret('beta', KEY);
    const current = settings({
      [DOMAINS]: [domain('a.acme.com', a), domain('b.acme.com', b)],
    });
    // Reordered, one kept, one replaced, one new without a password.
    const { next } = plan(
      write(
        domain('b.acme.com', { set: true }),
        domain('a.acme.com', 'alpha-2'),
        domain('c.acme.com', null),
      ),
      current,
    );
    const stored = passwords(next);
    expect(stored[0]).toEqual(['b.acme.com', b]);
    expect(revealSecret(stored[1]?.[1], KEY)).toBe('alpha-2');
    expect(stored[2]).toEqual(['c.acme.com', null]);
  });

  it('keeps a secret inherited from a level above when a lower level writes {"set": true}', () => {
    const sealed = sealSecret('from-workspace', KEY);
    const above = [workspace(settings({ [DOMAINS]: [domain('a.acme.com', sealed)] }))];
    const { next } = plan(write(domain('a.acme.com', { set: true })), settings(), above);
    expect(passwords(next)).toEqual([['a.acme.com', sealed]]);
  });

  it('removes the secret with a reset', () => {
    const current = settings({ [DOMAINS]: [domain('a.acme.com', sealSecret('x', KEY))] });
    expect(plan({ reset: [`features.${DOMAINS}`] }, current).next.overrides).toEqual({});
  });

  it('stores and clears secrets without a key when no text is given', () => {
    const current = settings({ [DOMAINS]: [domain('a.acme.com', sealSecret('x', KEY))] });
    const { next } = plan(write(domain('a.acme.com', null)), current, [], null);
    expect(passwords(next)).toEqual([['a.acme.com', null]]);
  });

  it.each<[string, unknown, LevelSettings, Uint8Array | null, string, string]>([
    [
      'a secret given as text when the server has no key',
      write(domain('ok.acme.com', null), domain('a.acme.com', 'hunter2')),
      settings(),
      null,
      'encryption_key_missing',
      'SETTINGS_ENCRYPTION_KEY',
    ],
    [
      '{"set": true} for a domain with no stored secret',
      write(domain('new.acme.com', { set: true })),
      settings({ [DOMAINS]: [domain('a.acme.com', sealSecret('x', KEY))] }),
      KEY,
      'secret_not_set',
      'none is stored',
    ],
    [
      '{"set": false}',
      write(domain('a.acme.com', { set: false })),
      settings(),
      KEY,
      'invalid_union',
      '',
    ],
    ['an empty secret', write(domain('a.acme.com', '')), settings(), KEY, 'too_small', ''],
    [
      'two domains with one name (a kept secret would be ambiguous)',
      write(domain('a.acme.com', null), domain('a.acme.com', null)),
      settings(),
      KEY,
      'custom',
      'unique',
    ],
  ])('refuses %s and writes nothing', (_, body, current, secretKey, type, msg) => {
    const before = structuredClone(current);
    const error = rejection(() => plan(body, current, [], secretKey));
    expect([error.code, error.status]).toEqual(['invalid_input', 422]);
    expect(error.detail).toEqual([expect.objectContaining({ type })]);
    expect(error.detail[0]?.msg).toContain(msg);
    expect(JSON.stringify(error.detail)).not.toContain('hunter2');
    expect(current).toEqual(before);
  });

  it('names the secret that needs the key by its place in the body', () => {
    const body = write(domain('ok.acme.com', null), domain('a.acme.com', 'hunter2'));
    const error = rejection(() => plan(body, settings(), [], null));
    expect(error.detail[0]?.loc).toEqual([
      'body',
      'update',
      'emailToSlack',
      'domains',
      1,
      'smtp_password',
    ]);
  });
});
