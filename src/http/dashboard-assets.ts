import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` (scripts/build-web.mjs) puts the dashboard's bundle: `dist/app` of the
 * project, found from this file whether it runs from `src/` or from `dist/src/`.
 */
export function dashboardAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'dist', 'app');
}
