import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createModels, readConfigVersion, type Models } from '../../../src/db/models/index.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

/** Which writes invalidate the per-instance configuration caches (db/models/config-version.ts). */
describe('the configuration version', () => {
  let db: TestDatabase;
  let models: Models;
  const version = () => readConfigVersion(models.configVersions);

  beforeAll(async () => {
    db = await testDatabase();
    models = createModels(db.connection);
  });
  afterAll(() => db.drop());

  it('moves on every configuration write and stays on counters and the out-of-office slot', async () => {
    const steps: Array<[string, () => Promise<unknown>, number]> = [
      ['a workspace is created', () => models.workspaces.create({ _id: 'T1' }), 1],
      [
        'a channel is created',
        () =>
          models.channels.create({
            teamId: 'T1',
            channelId: 'C1',
            name: 'ext-acme',
            kind: 'customer',
          }),
        1,
      ],
      [
        'a message is counted',
        () =>
          models.channels.findOneAndUpdate(
            { channelId: 'C1' },
            { $inc: { 'counters.total_messages_received': 1 } },
          ),
        0,
      ],
      [
        'an out-of-office reply takes the slot',
        () =>
          models.channels.updateOne(
            { channelId: 'C1' },
            { $set: { lastOutOfOfficeReplyAt: new Date() } },
          ),
        0,
      ],
      [
        'the channel is linked to a triage channel',
        () => models.channels.updateOne({ channelId: 'C1' }, { $set: { triageChannelId: 'C2' } }),
        1,
      ],
      [
        'workspace settings change',
        () =>
          models.workspaces.updateOne(
            { _id: 'T1' },
            { $set: { 'settings.revision': 1, 'settings.locks': ['features.x'] } },
          ),
        1,
      ],
      ['an account is created', () => models.accounts.create({ teamId: 'T1', name: 'Acme' }), 1],
      ['accounts are deleted', () => models.accounts.deleteMany({ teamId: 'T1' }), 1],
    ];
    const moves: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [label, write, by] of steps) {
      const before = await version();
      await write();
      moves[label] = (await version()) - before;
      expected[label] = by;
    }
    expect(moves).toEqual(expected);
  });
});
