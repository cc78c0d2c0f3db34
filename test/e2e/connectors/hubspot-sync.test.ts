import { ObjectId } from 'mongodb';
import { SALESFORCE_POLL } from '../../../jobs/salesforce-poll.js';
import { HUBSPOT_AGENT } from '../../support/hubspot/simulator.js';
import { AGENT, CHANNEL, eventually, newRequest, requestOf } from '../requests/world.js';
import { threadTexts } from './world.js';
import { hubspotWorld, ticketOf, type HubspotWorld } from './hubspot-world.js';

const SEARCH = /\/crm\/v3\/objects\/(tickets|notes)\/search$/;

/** What HubSpot has of a ticket coming back through the CRM poll: its stage, and agents' notes. */
describe('HubSpot tickets read back by the CRM poll', () => {
  let w: HubspotWorld;
  beforeAll(async () => {
    w = await hubspotWorld({ tickets: { config: { send_threads_to_connectors: true } } });
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
  const fromHubspot = (rootTs: string) =>
    threadTexts(w.t, rootTs).filter((text) => text.includes('(HubSpot)'));

  it('refuses crm.additional_fields naming a property tickets do not have', async () => {
    const res = await w.t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { crm: { additional_fields: ['hs_ticket_id', 'nope_property'] } },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'update', 'crm.additional_fields'],
        msg: "HubSpot's ticket has no property nope_property these credentials may read",
      }),
    ]);
  });

  it('closes the request once when the ticket is closed in HubSpot, across two polls with a 503 between; posts an agent’s note once and never the bot’s own', async () => {
    const { t, hubspot } = w;
    const message = await newRequest(t, 'U0HSP1', 'Sync dashboard is blank');
    const ticketId = (await ticketOf(t, message.ts)).id as string;
    // The bot's own note (a reply in Slack) and stage write must not come back.
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it', { thread_ts: message.ts });
    await eventually(
      async () => hubspot.notes.some((n) => n.ticketIds.includes(ticketId)) || undefined,
    );
    await eventually(
      async () => (await requestOf(t, message.ts))?.crmCase?.status === '3' || undefined,
    );
    await poll();
    expect((await requestOf(t, message.ts))?.status).toBe('in_progress');
    expect(fromHubspot(message.ts)).toEqual([]);

    hubspot.agentNote(ticketId, '<p>We shipped a fix, <b>please</b> retry.</p>');
    hubspot.moveTicket(ticketId, '4');
    const first = await poll();
    const closed = await requestOf(t, message.ts);
    expect(closed?.status).toBe('closed');
    expect(closed?.crmCase?.status).toBe('4');
    const note = `*HubSpot user ${HUBSPOT_AGENT.id}* (HubSpot): We shipped a fix, please retry.`;
    expect(fromHubspot(message.ts)).toEqual([note]);
    // Closing from HubSpot is not written back to it.
    const updates = await t.db
      .collection('connector_tasks')
      .find({ requestId: String(closed?._id), kind: 'case_update' })
      .toArray();
    expect(updates.map((u) => u.payload.fields.hs_pipeline_stage)).toEqual(['3']);

    // HubSpot down for a poll: the cursor stays, nothing is posted or moved.
    hubspot.faults.push({ method: 'POST', path: SEARCH, status: 503 });
    const failed = await poll();
    expect([failed.casesSince, failed.commentsSince]).toEqual([
      first.casesSince,
      first.commentsSince,
    ]);
    expect(hubspot.faults).toEqual([]);
    await poll();
    expect(fromHubspot(message.ts)).toEqual([note]);
    const history = (await requestOf(t, message.ts))?.history ?? [];
    expect(
      history.filter(
        (h: { type: string; to?: unknown }) => h.type === 'status' && h.to === 'closed',
      ),
    ).toHaveLength(1);
    expect(threadTexts(t, message.ts).filter((text) => text.includes('Looking into it'))).toEqual([
      'Looking into it',
    ]);
  }, 40_000);
});
