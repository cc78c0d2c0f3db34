import { readFileSync } from 'node:fs';
import { settingsCatalog } from '../../../src/settings/catalog.js';
import { settingsReference, typeOf } from '../../../src/settings/reference.js';
import { actingCount } from '../../../src/settings/status.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const generated = settingsReference(settingsCatalog());

/** The table rows of the reference as `[key, type, default, status, description]`. */
const rows = generated
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) =>
    line
      .slice(2, -2)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );

describe('docs/settings.md', () => {
  it('is what `npm run settings:doc` writes from the schema', () => {
    if (read('../../../docs/settings.md') !== generated) {
      throw new Error(
        'docs/settings.md is out of date: run `npm run settings:doc` and commit the result',
      );
    }
  });

  it('lists every seed-000 key with a type, a default, a status and a description', () => {
    const documented = new Set(rows.map(([key]) => key?.replaceAll('`', '').replaceAll('[]', '')));
    const seedKeys = read('../../fixtures/seed-000-keys.txt').split('\n').filter(Boolean);
    expect(seedKeys.filter((key) => !documented.has(key))).toEqual([]);
    for (const row of rows) {
      expect(row).toHaveLength(5);
      expect(row.every((cell) => cell !== '')).toBe(true);
    }
  });

  it('says how many settings act, as the README does', () => {
    const { acting, total } = actingCount(settingsCatalog());
    expect(generated).toContain(`**${acting} of the ${total} settings act today.**`);
    const readme = read('../../../README.md');
    expect(readme).toContain(`**${acting} of the ${total} settings act today**`);
    expect(readme).toContain('[`docs/settings.md`](docs/settings.md)');
  });
});

describe('typeOf', () => {
  it.each<[object, string]>([
    [{ type: 'integer', minimum: 0, maximum: 525600 }, 'integer 0–525600'],
    [{ type: 'string', maxLength: 4000 }, 'string, ≤ 4000 characters'],
    [
      { anyOf: [{ type: 'string', pattern: '^B[A-Z0-9]{2,}$' }, { type: 'null' }] },
      'string `^B[A-Z0-9]{2,}$` or null',
    ],
    [{ type: 'string', enum: ['2_POINTS', '5_POINTS'] }, 'one of "2_POINTS", "5_POINTS"'],
    [{ type: 'array', maxItems: 5, items: { type: 'string' } }, 'list (≤ 5) of string'],
    [{ type: 'object', additionalProperties: { type: 'string' } }, 'map of string'],
  ])('describes %j as %s', (json, text) => {
    expect(typeOf(json)).toBe(text);
  });
});
