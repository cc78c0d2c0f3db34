import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ZodError } from 'zod';
import {
  createModels,
  parseAccount,
  parseChannel,
  parseRequest,
  type Models,
} from '../../../src/db/models/index.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { schemaSummary } from './schema-summary.js';

const AT = new Date('2026-03-02T09:00:00.000Z');

/**
 * Each collection is one zod schema (src/db/models/zod-schema.ts): its mongoose schema is derived
 * from it, and documents read back are parsed with it.
 */
describe('the model schemas', () => {
  let db: TestDatabase;
  let models: Models;

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
  });
  afterAll(() => db.drop());

  it('derives the same mongoose schemas as were written by hand', () => {
    // model-schemas.json is the summary of the hand-written schemas these replaced: every path's
    // type, required flag, enum and default, every index and the collection options.
    const handWritten = JSON.parse(
      readFileSync(new URL('./model-schemas.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(JSON.parse(JSON.stringify(schemaSummary()))).toEqual(handWritten);
  });

  it('parses a stored request, channel and account as they were written', async () => {
    const account = await models.accounts.create({ teamId: 'T1', name: 'Acme' });
    const channel = await models.channels.create({
      teamId: 'T1',
      channelId: 'C1',
      accountId: account._id,
    });
    const request = await models.requests.create({
      teamId: 'T1',
      channelId: 'C1',
      rootTs: '1.1',
      requesterId: 'U1',
      createdAt: AT,
      lastCustomerActivityAt: AT,
      history: [{ at: AT, type: 'status', from: null, to: 'open', by: 'U1' }],
    });
    const stored = (doc: { toObject(): Record<string, unknown> }) => {
      const { __v, ...fields } = doc.toObject();
      expect(__v).toBe(0);
      return fields;
    };
    expect(parseRequest(await models.requests.findById(request._id).lean())).toEqual(
      stored(request),
    );
    expect(parseChannel(await models.channels.findById(channel._id).lean())).toEqual(
      stored(channel),
    );
    expect(parseAccount(await models.accounts.findById(account._id).lean())).toEqual(
      stored(account),
    );
  });

  it('fills the defaults of fields a document was stored without, as mongoose would', async () => {
    await db.connection.collection('requests').insertOne({
      teamId: 'T1',
      channelId: 'C1',
      rootTs: '2.2',
      requesterId: 'U1',
      createdAt: AT,
      updatedAt: AT,
      lastCustomerActivityAt: AT,
      triage: { channelId: 'C0TRIAGE', ts: '3.3' },
      sla: {},
    });
    const parsed = parseRequest(await models.requests.findOne({ rootTs: '2.2' }).lean());
    expect(parsed).toMatchObject({
      status: 'open',
      assigneeId: null,
      triage: { channelId: 'C0TRIAGE', ts: '3.3', claimedAt: null, deletedAt: null },
      sla: { responseDueAt: null, alertsPending: [] },
      history: [],
      feedback: null,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown status', { status: 'snoozed' }, 'status'],
    ['a date stored as text', { lastCustomerActivityAt: '2026-03-02' }, 'lastCustomerActivityAt'],
    ['no requester', { requesterId: undefined }, 'requesterId'],
  ])('refuses a request document with %s, naming the field', async (_name, change, field) => {
    const stored = await models.requests.findOne({ rootTs: '1.1' }).lean();
    let thrown: unknown;
    try {
      parseRequest({ ...stored, ...change });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as ZodError).issues.map((issue) => issue.path)).toEqual([[field]]);
  });
});
