import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { withDatabase } from '../../src/db/connection.js';

/** The URI of the server global-setup started. */
export function testMongoUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is unset: run the tests through `npm test`');
  return uri;
}

export interface TestDatabase {
  connection: Connection;
  uri: string;
  drop(): Promise<void>;
}

/** A connection to a fresh database of its own; `drop()` removes it. */
export async function testDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const uri = withDatabase(testMongoUri(), name, true);
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  return {
    connection,
    uri,
    drop: async () => {
      await connection.dropDatabase().catch(() => {});
      await connection.close();
    },
  };
}
