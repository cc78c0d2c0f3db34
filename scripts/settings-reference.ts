/**
 * Writes docs/settings.md, the settings reference, from the zod schema and the status list
 * (`npm run settings:doc`). test/unit/settings/reference.test.ts fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import { settingsCatalog } from '../src/settings/catalog.js';
import { settingsReference } from '../src/settings/reference.js';

const target = new URL('../docs/settings.md', import.meta.url);
writeFileSync(target, settingsReference(settingsCatalog()));
console.log('wrote docs/settings.md');
