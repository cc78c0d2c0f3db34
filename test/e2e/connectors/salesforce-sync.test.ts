import { ObjectId } from 'mongodb';
import { SALESFORCE_POLL } from '../../../jobs/salesforce-poll.js';
import { startTestBot } from '../../support/bot.js';
import { SALESFORCE_AGENT } from '../../support/salesforce/simulator.js';
import { AGENT, CHANNEL, cardText, eventually, newRequest, requestOf } from '../requests/world.js';
import { threadTexts } from './world.js';
import { caseOf, salesforceWorld, type SalesforceWorld } from './salesforce-world.js';

const settingsOf = async (w: SalesforceWorld) =>
  (await w.t.db.collection('channels').findOne({ channelId: CHANNEL }))?.settings;

/** What Salesforce has of a Case coming back: `crm.additional_fields`, then its changes. */
describe('Salesforce Cases read back', () => {
  let w: SalesforceWorld;
  beforeAll(async () => {
    w = await salesforceWorld({
      crm: { additional_fields: ['CaseNumber', 'Product__c'] },
      tickets: { config: { send_threads_to_connectors: true } },
    });
  });
  afterAll(() => w.stop());

  const syncState = async () =>
    (await w.t.db.collection('connectors').findOne({ _id: new ObjectId(w.connectorId) }))?.caseSync;
  /** Runs the poll job once, as Agenda does each minute, and waits for it to end. */
  const poll = async () => {
    const before = (await syncState())?.version ?? 0;
    await w.t.bot.agenda.now(SALESFORCE_POLL, { key: SALESFORCE_POLL });
    return eventually(async () => {
      const state = await syncState();
      return state && state.version > before && state.lockedUntil === null ? state : undefined;
    });
  };

  it('refuses crm.additional_fields naming a field the Case does not have, and keeps the setting', async () => {
    const before = await settingsOf(w);
    const res = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { crm: { additional_fields: ['CaseNumber', 'Nope__c'] } },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'update', 'crm.additional_fields'],
        msg: "Salesforce's Case has no field Nope__c these credentials may read",
      }),
    ]);
    expect(await settingsOf(w)).toEqual(before);
  });

  it('reads the additional fields back once the Case is made: on the card and in the API', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SFF1', 'Widget export fails');
    const crmCase = await caseOf(t, message.ts);
    const made = salesforce.caseById(crmCase.id as string);
    expect(crmCase.fields).toEqual({ CaseNumber: made?.CaseNumber, Product__c: null });
    const read = salesforce.calls.find((c) => c.method === 'GET' && c.path.includes('fields='));
    expect(decodeURIComponent(read?.path ?? '')).toContain(
      'fields=Id,Status,CaseNumber,Product__c',
    );
    await eventually(async () => (await cardText(t, message.ts)).includes(crmCase.url as string));
    expect(await cardText(t, message.ts)).toContain(
      `on *Acme Corp* · CaseNumber: ${String(made?.CaseNumber)}`,
    );
    const requestId = String((await requestOf(t, message.ts))?._id);
    const api = await t.api('GET', `/api/v1/conversations/${requestId}`);
    expect(api.body.crm_case).toEqual({
      id: crmCase.id,
      url: crmCase.url,
      status: 'New',
      account_id: '001xx000003DGb2AAG',
      account_name: 'Acme Corp',
      fields: { CaseNumber: made?.CaseNumber, Product__c: null },
    });
  });

  it('brings a Case closed and an agent’s comment in Salesforce back to Slack once, across two polls and a 503 in between, with no echo', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SFP1', 'Sync dashboard is blank');
    const crmCase = await caseOf(t, message.ts);
    const caseId = crmCase.id as string;
    // The bot's own CaseComment (a reply in Slack) must not come back.
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it', { thread_ts: message.ts });
    await eventually(
      async () => salesforce.comments.some((c) => c.ParentId === caseId) || undefined,
    );
    // The request moved in progress in Slack: the bot's own Status write must not come back either.
    await eventually(async () => salesforce.caseById(caseId)?.Status === 'Working' || undefined);
    await eventually(
      async () => (await requestOf(t, message.ts))?.crmCase?.status === 'Working' || undefined,
    );
    await poll();
    expect((await requestOf(t, message.ts))?.status).toBe('in_progress');

    salesforce.agentComment(caseId, 'We shipped a fix, please retry.');
    salesforce.agentComment(caseId, 'Internal: was a cache bug', false);
    salesforce.editCase(caseId, { Status: 'Closed', Product__c: 'Dashboards' });
    const first = await poll();
    const closed = await requestOf(t, message.ts);
    expect(closed?.status).toBe('closed');
    expect(closed?.crmCase).toMatchObject({
      status: 'Closed',
      fields: { CaseNumber: salesforce.caseById(caseId)?.CaseNumber, Product__c: 'Dashboards' },
    });
    const comment = `*${SALESFORCE_AGENT.name}* (Salesforce): We shipped a fix, please retry.`;
    expect(threadTexts(t, message.ts).filter((text) => text.includes('(Salesforce)'))).toEqual([
      comment,
    ]);
    // Closing from Salesforce is not written back to it.
    const updates = await t.db
      .collection('connector_tasks')
      .find({ requestId: String(closed?._id), kind: 'case_update' })
      .toArray();
    expect(updates.map((u) => u.payload.fields.Status)).toEqual(['Working']);

    // Salesforce down for a poll: the cursor stays, nothing is posted or moved.
    salesforce.faults.push({ method: 'GET', path: /\/query$/, status: 503, times: 3 });
    const failed = await poll();
    expect([failed.casesSince, failed.commentsSince]).toEqual([
      first.casesSince,
      first.commentsSince,
    ]);
    expect(salesforce.faults).toEqual([]);

    salesforce.agentComment(caseId, 'Closing this out.');
    await poll();
    await poll();
    expect(threadTexts(t, message.ts).filter((text) => text.includes('(Salesforce)'))).toEqual([
      comment,
      `*${SALESFORCE_AGENT.name}* (Salesforce): Closing this out.`,
    ]);
    expect((await requestOf(t, message.ts))?.status).toBe('closed');
    // The agent's Slack reply is in the thread once: its CaseComment did not come back.
    expect(threadTexts(t, message.ts).filter((text) => text.includes('Looking into it'))).toEqual([
      'Looking into it',
    ]);
  }, 40_000);

  it('posts a comment once when two polls start at once (the lease lets one run)', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SFP2', 'Two pollers');
    const caseId = (await caseOf(t, message.ts)).id as string;
    salesforce.agentComment(caseId, 'Only once, please.');
    const before = (await syncState())?.version ?? 0;
    const queries = salesforce.calls.filter((c) => c.path.includes('CaseComment')).length;
    await Promise.all([
      t.bot.agenda.now(SALESFORCE_POLL, { key: SALESFORCE_POLL }),
      t.bot.agenda.now(SALESFORCE_POLL, { key: SALESFORCE_POLL }),
    ]);
    await eventually(
      async () =>
        threadTexts(t, message.ts).some((text) => text.includes('Only once, please.')) || undefined,
    );
    await poll();
    expect(threadTexts(t, message.ts).filter((text) => text.includes('Only once'))).toHaveLength(1);
    const state = await syncState();
    // Each poll that ran bumped the generation once; one that found the lease held ran nothing.
    const ran = salesforce.calls.filter((c) => c.path.includes('CaseComment')).length - queries;
    expect(state?.version - before).toBe(ran);
  }, 30_000);

  it('goes on from the stored cursor in another instance (a restart), posting nothing twice', async () => {
    const { t, salesforce } = w;
    const message = await newRequest(t, 'U0SFP3', 'After a restart');
    const caseId = (await caseOf(t, message.ts)).id as string;
    salesforce.agentComment(caseId, 'Before the restart.');
    const cursor = await poll();
    const key = t.bot.deps.env.SETTINGS_ENCRYPTION_KEY?.toString('base64') ?? '';
    const second = await startTestBot({
      sim: t.sim,
      database: t.database,
      env: { SETTINGS_ENCRYPTION_KEY: key, WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    try {
      salesforce.agentComment(caseId, 'After the restart.');
      const before = (await syncState())?.version ?? 0;
      await second.bot.agenda.now(SALESFORCE_POLL, { key: SALESFORCE_POLL });
      const after = await eventually(async () => {
        const state = await syncState();
        return state && state.version > before && state.lockedUntil === null ? state : undefined;
      });
      expect(after.commentsSince.getTime()).toBeGreaterThanOrEqual(cursor.commentsSince.getTime());
      expect(threadTexts(t, message.ts).filter((text) => text.includes('(Salesforce)'))).toEqual([
        `*${SALESFORCE_AGENT.name}* (Salesforce): Before the restart.`,
        `*${SALESFORCE_AGENT.name}* (Salesforce): After the restart.`,
      ]);
    } finally {
      await second.stop();
    }
  }, 30_000);
});
