import { Writable } from 'node:stream';
import pino from 'pino';
import { syncInternalChannels } from '../../../src/services/crm/internal-channels.js';
import { eventually } from '../requests/world.js';
import {
  ACME_ACCOUNT,
  salesforceWorld,
  type SalesforceWorld,
} from '../connectors/salesforce-world.js';

const GLOBEX = '001xx000003DGb3AAG';

/** The bot's log lines, parsed (pino writes one JSON object a line). */
const logLines: Record<string, unknown>[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

/** An account's internal channel follows `{customer}` (its Salesforce Account's name). */
describe('the internal channel renamed with its account (crm.internal_channels)', () => {
  let w: SalesforceWorld;
  let accountId: string;
  let channelId: string;
  const link = (crm: unknown) => w.t.api('PATCH', `/api/v1/accounts/${accountId}`, { crm });
  const renames = () => w.t.sim.calls('conversations.rename');
  const channel = () => w.t.sim.channel(channelId);

  beforeAll(async () => {
    w = await salesforceWorld({}, { logger: pino({ level: 'info' }, memory) });
    const settings = await w.t.api('PATCH', '/api/v1/workspace/settings', {
      update: { crm: { internal_channels: { auto_sync: true, pattern: 'int-{customer}' } } },
    });
    expect(settings.status).toBe(200);
    // The sweep the settings write asked for (its job runs on Agenda's poll; run here at once).
    await syncInternalChannels(w.t.bot.deps, w.t.teamId);
    const [acme] = (await w.t.api('GET', '/api/v1/accounts')).body as {
      id: string;
      internal_channel_id: string | null;
    }[];
    accountId = acme?.id as string;
    channelId = await eventually(async () => {
      const read = await w.t.api('GET', `/api/v1/accounts/${accountId}`);
      return (read.body.internal_channel_id as string | null) ?? undefined;
    });
    expect(channel()).toMatchObject({ name: 'int-acme', is_private: true });
  });
  afterAll(() => w.stop());

  it('renames int-acme to the linked Account’s name, once however often the link is sent', async () => {
    const res = await link({ salesforce_account_id: ACME_ACCOUNT });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ internal_channel_id: channelId });
    expect(channel()).toMatchObject({ name: 'int-acme-corp', previous_names: ['int-acme'] });
    expect(renames().map((c) => [c.params, c.ok])).toEqual([
      [{ channel: channelId, name: 'int-acme-corp' }, true],
    ]);
    // The same PATCH again (a client's retry): nothing more to rename.
    expect((await link({ salesforce_account_id: ACME_ACCOUNT })).status).toBe(200);
    expect(renames()).toHaveLength(1);
    const stored = await w.t.db.collection('accounts').findOne({ name: 'Acme' });
    expect(stored?.internalChannelId).toBe(channelId);
  });

  it('keeps the old name when the new one is taken (name_taken), saying so in the log', async () => {
    const other = w.t.sim.addChannel({ name: 'int-globex', is_private: true, members: [] });
    const res = await link({ salesforce_account_id: GLOBEX });
    expect(res.status).toBe(200);
    expect(res.body.crm).toEqual({
      salesforce_account_id: GLOBEX,
      salesforce_account_name: 'Globex',
    });
    expect(channel()?.name).toBe('int-acme-corp');
    expect(w.t.sim.channel(other.id)?.name).toBe('int-globex');
    expect(renames().at(-1)).toMatchObject({ ok: false, error: 'name_taken' });
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: 'internal channel: the new name is taken; the old name is kept',
        accountId,
        channelId,
        from: 'int-acme-corp',
        to: 'int-globex',
      }),
    );
  });

  it('leaves a channel a person renamed, and renames nothing without auto_sync', async () => {
    w.t.sim.renameChannel(channelId, 'acme-escalations');
    const calls = renames().length;
    expect((await link(null)).status).toBe(200); // {customer} back to the account's own name
    expect(channel()?.name).toBe('acme-escalations');
    expect(renames()).toHaveLength(calls);

    w.t.sim.renameChannel(channelId, 'int-acme');
    const off = await w.t.api('PATCH', `/api/v1/accounts/${accountId}/settings`, {
      update: { crm: { internal_channels: { auto_sync: false } } },
    });
    expect(off.status).toBe(200);
    expect((await link({ salesforce_account_id: ACME_ACCOUNT })).status).toBe(200);
    expect(channel()?.name).toBe('int-acme');
    expect(renames()).toHaveLength(calls);
  });
});
