// Jest loads global set-up outside its ESM transform, so this file is plain ESM and loads the
// TypeScript engine module through tsx.
import { tsImport } from 'tsx/esm/api';

/**
 * Starts one real MongoDB-protocol server for the whole run (DESIGN.md §8) and hands its URI to
 * the tests through TEST_MONGODB_URI; each test file then works in a database of its own.
 */
export default async function globalSetup() {
  const { startMongo } = await tsImport('../../src/db/engine.ts', import.meta.url);
  const engine = await startMongo({
    uri: process.env.MONGODB_URI,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  globalThis.__MONGO_ENGINE__ = engine;
  process.env.TEST_MONGODB_URI = engine.uri;
  process.env.TEST_MONGODB_ENGINE = engine.engine;
  process.stdout.write(`\nTests run against ${engine.description}\n`);
}
